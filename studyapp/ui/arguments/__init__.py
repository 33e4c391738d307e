"""Arguments tab."""
