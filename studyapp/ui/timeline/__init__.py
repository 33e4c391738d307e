"""Timeline tab."""
