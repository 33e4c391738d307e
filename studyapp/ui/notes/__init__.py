"""Notes tab."""
