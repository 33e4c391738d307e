"""Writers that turn the student's data into files: Anki decks, CSV, and (later) documents."""
