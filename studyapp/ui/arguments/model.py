"""The points on one side of an argument table, and how each is drawn as a wrapped card."""

from __future__ import annotations

import html
import math
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
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


def weight_dots(weight: int) -> str:
    return "●" * weight + "○" * (5 - weight)


CARD_CHIPS = 2  # evidence chips on a card; the selected point's details show them all


def chip_text(chip: EvidenceChip, limit: int = 30) -> str:
    """A chip's words: the item's title shortened, then its date whole."""
    title = shorten(chip.title, limit)
    return f"{title}, {chip.date}" if chip.date else title


def point_card_html(point: PointRow) -> str:
    """A compact card: the claim in bold, then the weight, the evidence chips and any tags.

    The explanation, counter-argument and rebuttal show beside the table for the selected card,
    so that several whole cards fit in each column.
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
    """Draws a point as wrapped rich text as wide as the list, so nothing is cut off."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _document(
        self, option: QStyleOptionViewItem, index: AnyIndex, width: int
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(CARD_MARGIN)
        document.setDefaultFont(option.font)
        document.setDefaultStyleSheet(document_css())  # the theme's colours for the card's parts
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(width, 120))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        # Size from the viewport, not option.rect: a list asks before it knows the item's rect.
        width = self._view.viewport().width() - 2 * self._view.spacing() - 2
        document = self._document(option, index, width)
        return QSize(width, math.ceil(document.size().height()))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the background, selection and focus frame only; the text comes next
        style = self._view.style() or QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, self._view)
        document = self._document(option, index, option.rect.width())
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
