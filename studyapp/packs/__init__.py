"""The study-pack file format: schema validation and reading. Writing to the database is the
job of `studyapp.db.pack_import`."""
