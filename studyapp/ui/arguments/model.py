"""The points on one side of an argument table, and how each is drawn as a wrapped card."""

from __future__ import annotations

import html
import math
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from studyapp.db.services.arguments import EvidenceChip, PointRow, QuestionRow
from studyapp.domain.text import shorten
from studyapp.ui.theme import document_css
from studyapp.ui.widgets.rows import ROW_ROLE, AnyIndex, RowListModel

HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # the card's rich text, for the delegate
CARD_MARGIN = 8  # pixels of air around each card's text
PAINTED_KEPT = 96  # laid-out cards kept for painting: a few screens' worth


def weight_dots(weight: int) -> str:
    return "●" * weight + "○" * (5 - weight)


CARD_CHIPS = 2  # evidence chips on a card; the selected point's details show them all


def chip_text(chip: EvidenceChip, limit: int = 30) -> str:
    """A chip's words: the item's title shortened, then its date whole."""
    title = shorten(chip.title, limit)
    return f"{title}, {chip.date}" if chip.date else title


@lru_cache(maxsize=8192)
def point_card_html(point: PointRow) -> str:
    """A compact card: the claim in bold, then the weight, the evidence chips and any tags.

    The explanation, counter-argument and rebuttal show beside the table for the selected card,
    so that several whole cards fit in each column. Cached by the row (frozen: an edit makes a
    new row), since a list asks for it on every layout and paint.
    """
    tags = []
    if point.starter:
        tags.append("<i>starter</i>")  # plain colour: readable on a selected card too
    if not point.evidence:
        tags.append("<span class='warning'>no evidence yet</span>")
    if point.counter.strip():
        tags.append("counter-argument" + (" answered" if point.rebuttal.strip() else ""))
    meta = (f"<span style='letter-spacing:1px'>{weight_dots(point.weight)}</span>"
            + "".join(f" &nbsp;·&nbsp; {tag}" for tag in tags))  # fmt: skip
    parts = [f"<b>{html.escape(point.claim)}</b>", meta]
    if point.evidence:
        shown = [f"<span class='pill'>&nbsp;"
                 f"{html.escape(chip_text(chip))}&nbsp;</span>"
                 for chip in point.evidence[:CARD_CHIPS]]  # fmt: skip
        more = len(point.evidence) - CARD_CHIPS
        if more > 0:
            shown.append(f"+{more} more")
        parts.append(" &nbsp;".join(shown))
    return "".join(f"<p style='margin-bottom:3px'>{part}</p>" for part in parts)


def point_spoken(point: PointRow) -> str:
    """The whole card as one sentence for screen readers."""
    words = f"{point.claim}. {point.explanation} Weight {point.weight} of 5."
    if point.evidence:
        words += f" Evidence: {'; '.join(c.label for c in point.evidence)}."
    return f"{words} Counter-argument: {point.counter}" if point.counter.strip() else words


def question_card_html(question: QuestionRow) -> str:
    """The whole question, wrapped, under its source."""
    source = " · ".join(part for part in (question.exam_source, question.paper) if part)
    return (f"<p class='muted' style='margin-bottom:2px'>{html.escape(source)}</p>"
            f"<p>{html.escape(question.text)}</p>")


class QuestionListModel(RowListModel[QuestionRow]):
    """Every question of the topic, shown whole."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        question = self.row_at(index)
        if question is None:
            return None
        if role == ROW_ROLE:
            return question
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{question.exam_source} — {question.text}"
        if role == HTML_ROLE:
            return question_card_html(question)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{question.exam_source}: {question.text}"
        return None


class PointListModel(RowListModel[PointRow]):
    """One side's points, in the student's order."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        point = self.row_at(index)
        if point is None:
            return None
        if role == ROW_ROLE:
            return point
        if role == Qt.ItemDataRole.DisplayRole:
            return point.claim  # keyboard search and plain-text consumers use the claim
        if role == HTML_ROLE:
            return point_card_html(point)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return point_spoken(point)
        if role == Qt.ItemDataRole.ToolTipRole:
            return ("Enter: edit · E: attach evidence · Alt+↑/↓: move · S or Alt+←/→: other side"
                    " · Delete: remove · right-click for more")  # fmt: skip
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # Cards can be dragged; the list (not a card) takes the drop, so cards never nest.
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def total_weight(self) -> int:
        return sum(point.weight for point in self._rows)


class PointCardDelegate(QStyledItemDelegate):
    """Draws a point as wrapped rich text as wide as the list, so nothing is cut off.

    Measuring a card means laying out its rich text (about a third of a millisecond), and a
    list asks for every row's height on each layout: 700 cards took a quarter of a second, twice
    on a tab's first show. So heights are cached per card text, width, font and stylesheet (an
    edited card has new text, hence a new height), one shared document measures them, and a
    layout pass of the list (`PointListView`) measures new cards only until they fill the
    screen: the others get the average height for now and are measured a chunk at a time once
    the list is painted, the ones on screen first, after which the list lays out again from the
    cache.
    """

    CHUNK = 16  # new cards measured per turn of the event loop (about 5 ms) after a layout pass
    WIDTHS_KEPT = 4  # heights are kept for this many (width, font, stylesheet) combinations

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._scratch: QTextDocument | None = None  # measures every card, one after another
        self._scratch_css: str | None = None
        self._heights: OrderedDict[tuple[int, str, str], dict[str, int]] = OrderedDict()
        self._painted: OrderedDict[tuple[str, int, str, str], QTextDocument] = OrderedDict()
        self._budget: int | None = None  # pixels left to measure in a layout pass (None: all)
        self._estimated = False  # a card's height was guessed: measure the rest soon
        self._queue: list[int] = []  # rows still to measure after a pass, on-screen ones first

    # -- measuring -----------------------------------------------------------------------------

    def card_width(self) -> int:
        """Size from the viewport, not option.rect: a list asks before it knows the rect."""
        return self._view.viewport().width() - 2 * self._view.spacing() - 2

    def _table(self, width: int, font: QFont, css: str) -> dict[str, int]:
        key = (max(width, 120), font.key(), css)
        table = self._heights.get(key)
        if table is None:
            table = self._heights[key] = {}
            while len(self._heights) > self.WIDTHS_KEPT:
                self._heights.popitem(last=False)
        else:
            self._heights.move_to_end(key)
        return table

    def _measure(self, html: str, width: int, font: QFont, css: str) -> int:
        document = self._scratch
        if document is None:
            document = self._scratch = QTextDocument(self)
            document.setDocumentMargin(CARD_MARGIN)
        if self._scratch_css != css:
            document.setDefaultStyleSheet(css)  # the theme's colours (and sizes) of the parts
            self._scratch_css = css
        document.setDefaultFont(font)
        document.setTextWidth(max(width, 120))
        document.setHtml(html)
        return math.ceil(document.size().height())

    def height_of(self, html: str, width: int, font: QFont) -> int:
        """The card's height at this width, measured once per text, width, font and theme."""
        css = document_css()
        table = self._table(width, font, css)
        height = table.get(html)
        if height is None:
            height = table[html] = self._measure(html, width, font, css)
        return height

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        width, font, html = self.card_width(), option.font, index.data(HTML_ROLE) or ""
        css = document_css()
        table = self._table(width, font, css)
        height = table.get(html)
        if height is None and self._budget == 0:  # over budget in a layout pass: guess for now
            self._estimate_later()
            height = self._average(table, font)
        elif height is None:
            height = table[html] = self._measure(html, width, font, css)
            if self._budget is not None:
                self._budget = max(0, self._budget - height)
        return QSize(width, height)

    def _average(self, table: dict[str, int], font: QFont) -> int:
        if table:
            return round(sum(table.values()) / len(table))
        return QFontMetrics(font).lineSpacing() * 3 + 2 * CARD_MARGIN

    @contextmanager
    def layout_pass(self) -> Iterator[None]:
        """Inside, new cards are measured until they would fill the list's height once more; the
        rest follow (`_measure_more`). The list may be laid out twice as it first shows (once
        more when its scroll bar appears and narrows it), so each pass is kept short."""
        self._budget = max(1, self._view.viewport().height())
        try:
            yield
        finally:
            self._budget = None

    def _estimate_later(self) -> None:
        if not self._estimated:
            self._estimated = True
            # A timer, not a queued call: those run before the pending paint, this after it.
            QTimer.singleShot(1, self, self._measure_more)

    def unmeasured_rows(self, through: int | None = None) -> list[int]:
        """Rows of the list (up to `through`) whose height at the current width is not known
        yet, the ones from the top of the screen down first."""
        model = self._view.model()
        if model is None:
            return []
        font, width = self._view.font(), self.card_width()
        table = self._table(width, font, document_css())
        last = model.rowCount() - 1 if through is None else min(through, model.rowCount() - 1)
        missing = [row for row in range(last + 1)
                   if (model.index(row, 0).data(HTML_ROLE) or "") not in table]  # fmt: skip
        top = self._view.indexAt(QPoint(0, 0)).row()
        return sorted(missing, key=lambda row: row < top) if top > 0 else missing

    def measure(self, rows: list[int]) -> None:
        model = self._view.model()
        font, width = self._view.font(), self.card_width()
        for row in rows:
            self.height_of(model.index(row, 0).data(HTML_ROLE) or "", width, font)

    def _measure_more(self) -> None:
        """Measure a chunk of the cards whose height was guessed; lay out again once the cards
        on screen are measured, and once all are. A turn of the event loop passes between
        chunks, so the list scrolls and answers keys meanwhile."""
        if not self._queue:
            self._queue = self.unmeasured_rows()  # what is missing now (rows may have changed)
            if not self._queue:
                self._estimated = False
                return
        top = self._view.indexAt(QPoint(0, 0)).row()
        chunk, self._queue = self._queue[: self.CHUNK], self._queue[self.CHUNK :]
        rows = self._view.model().rowCount() if self._view.model() is not None else 0
        self.measure([row for row in chunk if row < rows])
        if self._queue:
            QTimer.singleShot(1, self, self._measure_more)
        else:
            self._estimated = False
        if not self._queue or top in chunk:
            self._view.doItemsLayout()  # from the cache: no card is measured twice

    # -- painting ------------------------------------------------------------------------------

    def _document(self, html: str, width: int, font: QFont) -> QTextDocument:
        """A laid-out card for painting; the last few are kept, so scrolling re-lays nothing."""
        css = document_css()
        key = (html, max(width, 120), font.key(), css)
        document = self._painted.get(key)
        if document is not None:
            self._painted.move_to_end(key)
            return document
        document = QTextDocument(self)
        document.setDocumentMargin(CARD_MARGIN)
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(css)
        document.setTextWidth(max(width, 120))
        document.setHtml(html)
        self._painted[key] = document
        while len(self._painted) > PAINTED_KEPT:
            self._painted.popitem(last=False)[1].deleteLater()
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the background, selection and focus frame only; the text comes next
        style = self._view.style() or QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, self._view)
        document = self._document(index.data(HTML_ROLE) or "", option.rect.width(), option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(0, 0, option.rect.width(), option.rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()
