"""Longer sentences the Help menu shows, kept out of the window's code."""

from __future__ import annotations

from pathlib import Path

from studyapp import APP_NAME, __version__

ABOUT_DATES = (
    "Each date is shown as your notes give it (for example 1932–33), and the timeline draws "
    "it as honestly as it is known: a day as a point, a month, a season or a year across its "
    "whole span with soft edges, a range as a bar. The detail pane says how precise it really "
    "is. Dates are New Style; Russian Old Style dates before February 1918 are shown beside "
    "them. Where the notes differ from the standard record, a 'Check' note gives the record."
)


def about_html(database: Path) -> str:
    """Help ▸ About StudyApp: what it is, its version, and where the notes are kept."""
    return (f"<h3>{APP_NAME} {__version__}</h3><p>Offline revision for history students: a "
            "timeline, phase notes, ranked factors and an argument builder.</p>"
            f"<p>Your notes are kept in <code>{database}</code>.</p>")  # fmt: skip
