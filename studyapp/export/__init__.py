"""Files StudyApp writes for the student: packs, notes, plans, timelines, decks."""
