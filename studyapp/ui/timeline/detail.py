"""The detail pane beside the timeline table: everything the notes say about one event.

It shows the date twice on purpose: as the notes write it ("1932–33") and as precisely as the
stored EDTF date allows ("1932 – 1933", "A range"), so the student sees how much the date tells.
Every piece of text is escaped: titles, descriptions and check notes are the student's to edit.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from studyapp.db.services.timeline import EventRow
from studyapp.domain.dates import DateError, Precision, describe, parse

PRECISION_WORDS: dict[str, str] = {
    Precision.DAY: "Precise to the day",
    Precision.MONTH: "Precise to the month",
    Precision.SEASON: "A season",
    Precision.YEAR: "Year only",
    Precision.RANGE: "A range",
    Precision.SET: "A set of dates",
}

# Amber with dark text, so that it reads the same in light and dark themes.
CHECK_BOX = (
    '<table width="100%" cellpadding="8" cellspacing="0" border="1" '
    'style="border-color:#c98a00; border-style:solid; background-color:#fff4d6; '
    'color:#3d2b00; margin-top:8px; margin-bottom:8px"><tr><td><b>{label}</b> {text}</td>'
    "</tr></table>"
)


def precision_words(precision: str) -> str:
    return PRECISION_WORDS.get(precision, precision.capitalize())


def precise_reading(edtf: str) -> str:
    """`describe(parse(edtf))`, or the raw string if a stored date cannot be read any more."""
    try:
        return describe(parse(edtf))
    except DateError:
        return edtf


def event_html(row: EventRow, period_title: str | None) -> str:
    """The event as a small document: title, date facts, check note, description."""
    esc = html.escape
    facts = [
        ("Date in the notes", esc(row.date_label)),
        ("Precise date", esc(precise_reading(row.edtf))),
        ("Precision", esc(precision_words(row.precision))),
    ]
    if row.old_style:
        facts.append(("Old Style date", esc(row.old_style)))
    facts += [
        ("Category", esc(row.category_label)),
        ("Period", esc(period_title or "—")),
        ("Page", esc(row.page_ref or "—")),
        ("Key date", "Yes ★" if row.key_date else "No"),
    ]
    if row.source == "user":
        facts.append(("Source", "Your own event"))
    elif row.user_modified:
        facts.append(("Source", "Study pack, edited by you"))
    rows = "".join(
        f'<tr><td style="color:gray; padding-right:12px">{label}</td><td>{value}</td></tr>'
        for label, value in facts
    )
    parts = [f"<h2>{esc(row.title)}</h2>", f'<table cellspacing="2">{rows}</table>']
    if row.check_note:
        note = row.check_note.strip()
        text = note.removeprefix("Check:").strip()
        parts.append(CHECK_BOX.format(label="⚠ Check:", text=esc(text)))
    if row.description.strip():
        parts.append(f"<p>{esc(row.description)}</p>")
    return "".join(parts)


class EventDetail(QTextBrowser):
    """A read-only, word-wrapped document that never fetches anything from outside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Event details")
        self.setPlaceholderText("Select an event to see what the notes say about it.")

    def show_event(self, row: EventRow, period_title: str | None) -> None:
        self.setHtml(event_html(row, period_title))

    def show_nothing(self, sentence: str) -> None:
        self.setHtml(f"<p>{html.escape(sentence)}</p>")

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 - Qt override
        # The text is the student's: an <img src="http://..."> in it must not reach the network
        # or the disk. Nothing we render needs an outside resource.
        return None
