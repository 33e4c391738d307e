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

from studyapp.db.services.arguments import PointRow
from studyapp.ui.widgets.rows import ROW_ROLE, AnyIndex, RowListModel

HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # the card's rich text, for the delegate
CARD_MARGIN = 8  # pixels of air around each card's text


def weight_dots(weight: int) -> str:
    return "●" * weight + "○" * (5 - weight)


def point_card_html(point: PointRow) -> str:
    """Claim in bold, then the explanation, the weight and any counter-argument."""
    parts = [f"<b>{html.escape(point.claim)}</b>"]
    if point.explanation.strip():
        parts.append(html.escape(point.explanation).replace("\n", "<br>"))
    parts.append(
        f"<span style='letter-spacing:1px'>{weight_dots(point.weight)}</span>"
        f"&nbsp; weight {point.weight} of 5"
    )
    if point.counter.strip():
        parts.append(f"<i>Counter-argument: {html.escape(point.counter)}</i>")
    if point.evidence:
        cited = " · ".join(html.escape(chip.label) for chip in point.evidence)
        parts.append(f"<span style='color:#555'>Evidence: {cited}</span>")
    return "".join(f"<p style='margin-bottom:4px'>{part}</p>" for part in parts)


def point_spoken(point: PointRow) -> str:
    """The whole card as one sentence for screen readers."""
    words = f"{point.claim}. {point.explanation} Weight {point.weight} of 5."
    if point.evidence:
        words += f" Evidence: {'; '.join(c.label for c in point.evidence)}."
    return f"{words} Counter-argument: {point.counter}" if point.counter.strip() else words


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
            return (
                "Enter or double-click to edit; Alt+↑/↓ to move; Delete to remove; Insert to add."
            )
        return None

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
