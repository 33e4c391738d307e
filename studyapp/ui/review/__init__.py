"""The Review tab: FSRS self-testing, the chronology challenge, progress and the student's cards."""
