"""The detail pane beside the timeline: everything the notes say about one event.

It shows the date as the notes write it ("1932–33") and what it covers with its precision
("between 1 Jan 1932 and 31 Dec 1933 · a range of years"), so the student sees how much the date
tells; then the note items and essay points that cite the event, each a link that opens it.
Every piece of text is escaped: titles, descriptions and check notes are the student's to edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from studyapp.db.services.citations import CitationRow
from studyapp.db.services.timeline import EventRow
from studyapp.domain.changes import Kind
from studyapp.domain.dates import DateError, Precision, describe, parse
from studyapp.domain.errors import StudentError
from studyapp.domain.markup import escape
from studyapp.domain.student_dates import describe_date, meaning_of
from studyapp.ui.theme import document_css, on_restyle

if TYPE_CHECKING:  # (a QUrl only arrives with a click: its type costs ~1 ms to load)
    from PySide6.QtCore import QUrl

CITE_SCHEME = "cite"  # links in the pane: cite:note_item/12, cite:point/4

PRECISION_WORDS: dict[str, str] = {
    Precision.DAY: "Precise to the day",
    Precision.MONTH: "Precise to the month",
    Precision.SEASON: "A season",
    Precision.YEAR: "Year only",
    Precision.RANGE: "A range",
    Precision.SET: "A set of dates",
}

# An amber callout; the theme's document stylesheet (`document_css`) gives its colours.
CHECK_BOX = (
    '<table class="caution" width="100%" cellpadding="8" cellspacing="0" border="1" '
    'style="margin-top:8px; margin-bottom:8px"><tr><td><b>{label}</b> {text}</td>'
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


def date_meaning(edtf: str) -> str:
    """What the stored date covers, with its precision, in a student's words."""
    try:
        return meaning_of(edtf)
    except (StudentError, DateError):
        # A date stored by an older version that today's reader refuses: say what we can.
        return f"{precise_reading(edtf)} · {precision_words_of(edtf)}"


def precision_words_of(edtf: str) -> str:
    try:
        return precision_words(parse(edtf).precision).lower()
    except DateError:
        return "a date StudyApp cannot read"


def event_html(row: EventRow, period_title: str | None, citations: list[CitationRow]) -> str:
    """The event as a small document: title, date facts, check note, description, citations."""
    esc = escape
    star = ' <span class="star">★</span>' if row.key_date else ""
    facts = [("Date", esc(row.date_label or describe_date(row.edtf))),
             ("Meaning", esc(date_meaning(row.edtf)))]  # fmt: skip
    if row.old_style:
        facts.append(("Old Style", esc(row.old_style) + " (Russia's calendar until Feb 1918)"))
    facts += [("Category", esc(row.category_label)), ("Period", esc(period_title or "None"))]
    if row.page_ref:
        facts.append(("Page", esc(row.page_ref)))
    if row.source == "user":
        facts.append(("Source", "Your own event"))
    elif row.user_modified:
        facts.append(("Source", "Study pack, edited by you"))
    rows = "".join(
        f'<tr><td class="meta" style="padding-right:12px">{label}</td><td>{value}</td></tr>'
        for label, value in facts
    )
    parts = [f"<h3>{esc(row.title)}{star}</h3>", f'<table cellspacing="2">{rows}</table>']
    if row.check_note:
        text = row.check_note.strip().removeprefix("Check:").strip()
        parts.append(CHECK_BOX.format(label="⚠ Check:", text=esc(text)))
    description = row.description.strip()
    if description and description.casefold() != row.title.strip().casefold():
        parts.append(f"<p>{esc(description)}</p>")
    parts.append(citations_html(citations))
    return "".join(parts)


def citations_html(citations: list[CitationRow]) -> str:
    """The note items and argument points citing the event, each a link that opens it."""
    if not citations:
        return '<p class="meta">Not cited in your notes or essay arguments yet.</p>'
    parts = []
    for kind, heading in ((Kind.NOTE_ITEM, "In your notes"), (Kind.POINT, "In essay arguments")):
        links = [
            f'<li><a href="{CITE_SCHEME}:{row.kind.value}/{row.id}">{escape(row.text)}</a>'
            f'<br><span class="meta">{escape(row.where)}</span></li>'
            for row in citations
            if row.kind == kind
        ]
        if links:
            parts.append(f"<p><b>{heading}</b></p><ul>{''.join(links)}</ul>")
    return "".join(parts)


def citation_target(url: QUrl) -> tuple[Kind, int] | None:
    """The (kind, id) a citation link opens, or None for any other link."""
    if url.scheme() != CITE_SCHEME:
        return None
    kind, _, item_id = url.path().partition("/")
    if kind not in (Kind.NOTE_ITEM.value, Kind.POINT.value) or not item_id.isdigit():
        return None
    return Kind(kind), int(item_id)


class EventDetail(QTextBrowser):
    """A read-only, word-wrapped document that never fetches anything from outside.

    `citation_clicked(kind, id)` says the student clicked a note item or point citing the event.
    """

    citation_clicked = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Event details")
        self.setPlaceholderText("Select an event to see what the notes say about it.")
        self.anchorClicked.connect(self._on_anchor)
        self._html = ""
        on_restyle(self, lambda: self._show(self._html))

    def _show(self, text: str) -> None:
        """Show `text` (HTML) with the current theme's document stylesheet."""
        self._html = text
        self.document().setDefaultStyleSheet(document_css())
        self.setHtml(text)

    def show_event(self, row: EventRow, period_title: str | None,
                   citations: list[CitationRow]) -> None:  # fmt: skip
        self._show(event_html(row, period_title, citations))

    def show_nothing(self, sentence: str) -> None:
        self._show(f"<p>{escape(sentence)}</p>")

    def _on_anchor(self, url: QUrl) -> None:
        target = citation_target(url)
        if target is not None:
            self.citation_clicked.emit(target[0].value, target[1])

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 - Qt override
        # The text is the student's: an <img src="http://..."> in it must not reach the network
        # or the disk. Nothing we render needs an outside resource.
        return None
