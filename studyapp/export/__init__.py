"""Writers that turn the student's data into files: timeline, notes, factors, plans, decks."""
