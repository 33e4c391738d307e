"""Pure Python rules of the subject matter: dates, orderings, essay structure. No Qt, no SQL."""
