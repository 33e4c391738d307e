"""The reading pane: one section of the phase notes as a clean, printable-looking document.

Bullets become a list, quotes become block quotes with the speaker and context, questions are
marked as questions, page references are small grey tags and the events an item names are date
chips that open the event on the timeline (`event_clicked`). A check note is an info callout;
the student's annotation (Markdown, rendered safely) sits under its item; a ✓ marks what they
have learnt, and "edited" / "your own" marks pack text they changed and items they added.

All item text is the student's to edit, so every string is escaped, links are never followed
and `loadResource` refuses everything: a note can never make the app fetch a file or a URL.
Clicking anywhere on an item selects it (`item_clicked`), and ↑/↓ move the selection
(`step_requested`), so the pane is where the student picks the item to act on; there is no
second list of the same items.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QTextBlock
from PySide6.QtWidgets import QTextBrowser, QWidget

from studyapp.db.services.notes import ItemRow, SectionRow
from studyapp.domain.markup import markdown_html
from studyapp.domain.text import split_quote
from studyapp.ui.notes.model import progress_text
from studyapp.ui.theme import document_css, on_restyle
from studyapp.ui.widgets.keys import KeyHelp

ANCHOR = "item-"
# Pieces name what they are; the theme's document stylesheet (`document_css`) colours them.
HIGHLIGHT = '<span class="marker">{}</span>'  # the student's marker pen
TAG = '<span class="tag">&nbsp;{}&nbsp;</span>'
CHIP = '<a class="chip" href="event:{id}">&nbsp;{text}&nbsp;↗</a>'
MARK = '<span class="mark">&nbsp;[{}]</span>'
CHECK = ('<table class="check" width="100%" cellpadding="6" cellspacing="0" '
         'style="margin-top:4px"><tr><td><b>ℹ Check:</b> {}</td></tr></table>')  # fmt: skip
LEARNT = '<span class="learnt">&nbsp;✓&nbsp;learnt</span>'
NOTE = ('<table class="note" width="100%" cellpadding="6" cellspacing="0" '
        'style="margin-top:4px"><tr><td><b>Your note:</b>{}</td></tr></table>')  # fmt: skip
QUOTE = ('<table width="100%" cellspacing="0" cellpadding="8" style="margin-top:6px; '
         'margin-bottom:6px"><tr><td width="4" class="quote-bar"></td>'
         '<td class="{cell}"><i style="font-size:large">{text}</i>'
         '<br/><span style="font-size:small">{who}</span>{extra}</td></tr></table>')  # fmt: skip


def _extras(item: ItemRow) -> str:
    """Marks, page reference, event chips, check note and annotation: what follows the text."""
    parts = [LEARNT if item.learnt else ""]
    if item.source == "user":
        parts.append(MARK.format("your own"))
    elif item.user_modified:
        parts.append(MARK.format("edited"))
    tags = [TAG.format(html.escape(item.page_ref))] if item.page_ref else []
    tags += [CHIP.format(id=tag.id, text=html.escape(tag.label)) for tag in item.events]
    if tags:
        parts.append("<br/>" + " ".join(tags))
    if item.check_note:
        parts.append(CHECK.format(html.escape(item.check_note.removeprefix("Check:").strip())))
    if item.annotation.strip():
        parts.append(NOTE.format(markdown_html(item.annotation)))
    return "".join(parts)


def _marked(item: ItemRow, text: str) -> str:
    escaped = html.escape(text)
    return HIGHLIGHT.format(escaped) if item.highlighted else escaped


def _text(item: ItemRow) -> str:
    return f'<a name="{ANCHOR}{item.id}">{_marked(item, item.text)}</a>'


def _quote(item: ItemRow, selected: bool) -> str:
    quoted, attribution = split_quote(item.text)
    who = html.escape(attribution or (f"– {item.quote_speaker}" if item.quote_speaker else ""))
    if item.quote_context:
        who += ("<br/>" if who else "") + f"<i>{html.escape(item.quote_context)}</i>"
    return QUOTE.format(
        cell="quote-selected" if selected else "quote",
        text=f'<a name="{ANCHOR}{item.id}">{_marked(item, quoted)}</a>',
        who=who,
        extra=_extras(item),
    )


@lru_cache(maxsize=4096)
def _item(item: ItemRow, selected: bool) -> str:
    """One item as a block; the caller groups consecutive points into a list.

    Cached by the row itself (frozen: any edit makes a different row), so redrawing a section
    for a new selection renders only the two items whose selection changed."""
    style = ' class="selected"' if selected else ""
    if item.kind == "quote":
        return _quote(item, selected)
    if item.kind == "question":
        return (f'<p{style}><b class="question">Question:</b> '
                f"<i>{_text(item)}</i>{_extras(item)}</p>")  # fmt: skip
    if item.kind == "advice":
        return f"<p{style}><b>Advice:</b> {_text(item)}{_extras(item)}</p>"
    return f"<li{style}>{_text(item)}{_extras(item)}</li>"


def section_html(
    section: SectionRow, items: list[ItemRow], selected_id: int | None, progress: tuple[int, int]
) -> str:
    """The whole section: heading, where it comes from, intro, items (or its sub-sections)."""
    meta = []
    if section.period_title and section.period_title != section.title:
        meta.append(f"Period: {section.period_title}")
    meta += [section.page_ref or "", progress_text(*progress)]
    parts = [f"<h2>{html.escape(section.title)}</h2>"]
    line = " · ".join(html.escape(text) for text in meta if text)
    if line:
        parts.append(f'<p class="meta">{line}</p>')
    if section.intro.strip():
        parts.append(f"<p>{html.escape(section.intro)}</p>")
    parts.append(_items_html(items, selected_id))
    if not items and section.children:
        parts.append(_children_html(section))
    return "".join(parts)


def _items_html(items: list[ItemRow], selected_id: int | None) -> str:
    out, in_list = [], False
    for item in items:
        is_point = item.kind not in {"quote", "question", "advice"}
        if is_point != in_list:
            out.append("<ul>" if is_point else "</ul>")
            in_list = is_point
        out.append(_item(item, item.id == selected_id))
    if in_list:
        out.append("</ul>")
    return "".join(out)


def _children_html(section: SectionRow) -> str:
    links = "".join(
        f'<li><a href="section:{child.id}">{html.escape(child.title)}</a></li>'
        for child in section.children
    )
    return f"<p>This part of the notes has {len(section.children)} sections:</p><ul>{links}</ul>"


class ReadingPane(QTextBrowser):
    """Shows a section; clicking an item selects it, a section link opens that section."""

    item_clicked = Signal(int)
    section_clicked = Signal(int)
    event_clicked = Signal(int)  # a date chip: open the event on the timeline
    step_requested = Signal(int)  # ↑ -1, ↓ +1: select the previous or next item
    learnt_requested = Signal()  # Space toggles "learnt" on the selected item
    menu_requested = Signal(object)  # a QPoint in global coordinates, for the item's actions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Section text")
        self._block_items: dict[int, int] = {}  # block number -> item id
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._shown: tuple[SectionRow, list[ItemRow], int | None, tuple[int, int]] | None = None
        on_restyle(self, self._render_again)

    def _render_again(self) -> None:
        if self._shown is not None:
            self.show_section(*self._shown)

    def show_section(
        self, section: SectionRow, items: list[ItemRow], selected_id: int | None,
        progress: tuple[int, int],
    ) -> None:  # fmt: skip
        """Render, keeping the scroll position when it is the same section re-drawn."""
        bar = self.verticalScrollBar()
        keep = bar.value() if getattr(self, "_section_id", None) == section.id else 0
        self._section_id = section.id
        self._shown = (section, items, selected_id, progress)
        self.document().setDefaultStyleSheet(document_css())
        self.setHtml(section_html(section, items, selected_id, progress))
        self._map_blocks()
        bar.setValue(keep)

    def _map_blocks(self) -> None:
        """Remember which item each text block belongs to, for clicks anywhere on an item.

        Qt keeps an `<a name>` only on the first character of the anchored text, so we walk the
        blocks once: every block after an item's anchor belongs to it until the next anchor.
        """
        self._block_items.clear()
        current: int | None = None
        block = self.document().begin()
        while block.isValid():
            current = _anchored_item(block) or current
            if current is not None:
                self._block_items[block.blockNumber()] = current
            block = block.next()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if self.textCursor().hasSelection() or self.anchorAt(event.position().toPoint()):
            return  # the student is selecting text to copy, or clicked a real link
        block = self.cursorForPosition(event.position().toPoint()).block()
        item_id = self._block_items.get(block.blockNumber())
        if item_id is not None:
            self.item_clicked.emit(item_id)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "section" and url.path().isdigit():
            self.section_clicked.emit(int(url.path()))
        elif url.scheme() == "event" and url.path().isdigit():
            self.event_clicked.emit(int(url.path()))
        # any other link (one typed into a note) is never followed

    KEYS = (
        KeyHelp("↑ / ↓", "Go to the note above or below"),
        KeyHelp("Space", "Mark the note learnt, or not learnt"),
    )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
        if plain and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif plain and key == Qt.Key.Key_Space:
            self.learnt_requested.emit()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        block = self.cursorForPosition(event.pos()).block()
        item_id = self._block_items.get(block.blockNumber())
        if item_id is not None:
            self.item_clicked.emit(item_id)
        self.menu_requested.emit(event.globalPos())

    def item_ids(self) -> list[int]:
        """The items in reading order, as drawn."""
        return list(dict.fromkeys(self._block_items.values()))

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 - Qt override
        return None  # never fetch: an <img src> typed into a note must not reach disk or net


def _anchored_item(block: QTextBlock) -> int | None:
    iterator = block.begin()
    while not iterator.atEnd():
        for name in iterator.fragment().charFormat().anchorNames():
            number = name.removeprefix(ANCHOR)
            if number != name and number.isdigit():
                return int(number)
        iterator += 1
    return None
