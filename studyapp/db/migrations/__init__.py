"""Alembic migration scripts, shipped inside the package so installed apps can migrate."""
