"""Everything that speaks SQL: models, the engine, migrations, and the service functions the
UI and the command line call. Services open one short Session per action and return plain data."""
