"""The one exception that carries a sentence for the student.

An operation, a date parser or an importer that refuses what it was given raises
`StudentError("…")`: the UI shows the sentence (status bar or the open form) and nothing was
written. Any other exception is a bug: it is logged with its traceback and shown in the error
dialog, never dressed up as a refusal.
"""

from __future__ import annotations


class StudentError(Exception):
    """A refusal; `str(error)` is one sentence for the student and nothing was written."""
