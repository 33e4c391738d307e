"""Service functions: one short transaction per user action, plain data in and out."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

# What the UI holds and passes back to services; it never opens a Session itself.
SessionFactory = sessionmaker[Session]
