"""Factors tab."""
