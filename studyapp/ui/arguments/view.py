"""Widgets of the argument builder: a column of point cards per side, the selected point's
details with its evidence chips, the balance bar, and the judgement box.

They hold layout and turn keys, clicks, drags and menu choices into requests (signals); the tab
decides what to save. Actions act on the selected card — keys, its context menu, or the buttons
beside the details — so there are no rows of disabled buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.arguments import EvidenceChip, PointRow
from studyapp.domain.essay import SIDE_LABELS
from studyapp.ui.arguments.model import PointCardDelegate, PointListModel, chip_text
from studyapp.ui.theme import colour, icon, on_restyle, set_role
from studyapp.ui.widgets.autosave import AutosaveTextEdit
from studyapp.ui.widgets.keys import KeyHelp
from studyapp.ui.widgets.rows import ROW_ROLE

EMPTY_COLUMN_TEXT = "No points yet.\nUse Add point (or press Insert here) to make the first one."
POINT_MIME = "application/x-studyapp-point"


class PointListView(QListView):
    """Points as wrapped cards. Keys: Enter edits, E attaches evidence, Alt+↑/↓ moves, S or
    Alt+←/→ switches side, Delete removes, Insert adds. Cards can be dragged within the column
    and to the other one."""

    move_requested = Signal(int)  # -1 up, +1 down
    switch_requested = Signal()
    add_requested = Signal()
    edit_requested = Signal()
    evidence_requested = Signal()
    delete_requested = Signal()
    point_dropped = Signal(int, int)  # (point id, row it was dropped at)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.other_side = ""  # named in the context menu ("Move to Against")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the cards when width changes
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setItemDelegate(PointCardDelegate(self))
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.doubleClicked.connect(self.edit_requested)

    KEYS = (
        KeyHelp("Enter", "Edit the point"),
        KeyHelp("E", "Attach evidence to the point"),
        KeyHelp("Alt+↑ / Alt+↓", "Move the point up or down"),
        KeyHelp("S, Alt+← or Alt+→", "Move the point to the other side"),
        KeyHelp("Delete", "Delete the point"),
        KeyHelp("Insert", "Add a point"),
    )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, alt = event.key(), event.modifiers() == Qt.KeyboardModifier.AltModifier
        has_point = self.currentIndex().isValid()
        if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif has_point and (key == Qt.Key.Key_S and not event.modifiers()
                            or alt and key in (Qt.Key.Key_Left, Qt.Key.Key_Right)):  # fmt: skip
            self.switch_requested.emit()
        elif has_point and key == Qt.Key.Key_E and not event.modifiers():
            self.evidence_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and has_point:
            self.edit_requested.emit()
        elif key == Qt.Key.Key_Delete and has_point:
            self.delete_requested.emit()
        elif key == Qt.Key.Key_Insert:
            self.add_requested.emit()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        index = self.indexAt(event.pos())
        menu = QMenu(self)
        if index.isValid():
            self.setCurrentIndex(index)
            row, last = index.row(), self.model().rowCount() - 1
            menu.addAction("Edit…\tEnter", self.edit_requested.emit)
            menu.addAction("Attach evidence…\tE", self.evidence_requested.emit)
            menu.addSeparator()
            menu.addAction("Move up\tAlt+↑", lambda: self.move_requested.emit(-1)).setEnabled(
                row > 0)  # fmt: skip
            menu.addAction("Move down\tAlt+↓", lambda: self.move_requested.emit(1)).setEnabled(
                row < last)  # fmt: skip
            if self.other_side:
                menu.addAction(f"Move to {SIDE_LABELS[self.other_side]}\tS",
                               self.switch_requested.emit)  # fmt: skip
            menu.addSeparator()
            menu.addAction("Delete\tDel", self.delete_requested.emit)
        menu.addAction("Add point…\tIns", self.add_requested.emit)
        menu.exec(event.globalPos())

    # -- drag and drop -------------------------------------------------------------------------

    def startDrag(self, _actions: Qt.DropAction) -> None:  # noqa: N802 - Qt override
        point = self.model().data(self.currentIndex(), ROW_ROLE)
        if point is None:
            return
        mime = QMimeData()
        mime.setData(POINT_MIME, str(point.id).encode("ascii"))
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(POINT_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        if not event.mimeData().hasFormat(POINT_MIME):
            event.ignore()
            return
        point_id = int(bytes(event.mimeData().data(POINT_MIME).data()).decode("ascii"))
        event.acceptProposedAction()
        self.point_dropped.emit(point_id, self.drop_row(event.position().toPoint()))

    def drop_row(self, pos: QPoint) -> int:
        """Where a card dropped at `pos` goes: before the card under it (after, if in its lower
        half), or last."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.model().rowCount()
        rect: QRect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)

    # -- painting ------------------------------------------------------------------------------

    def doItemsLayout(self) -> None:  # noqa: N802 - Qt override
        """Lay the cards out, measuring only a screenful of new ones now (`PointCardDelegate`):
        a column of 700 new cards shows at once and the rest are measured just after."""
        delegate = self.itemDelegate()
        if isinstance(delegate, PointCardDelegate):
            with delegate.layout_pass():
                super().doItemsLayout()
        else:
            super().doItemsLayout()

    def relayout(self) -> None:
        """Lay out again now if on screen (an edited card may need a new height); a hidden
        list is laid out when it shows, at the width it will have then."""
        if self.isVisible():
            self.doItemsLayout()
        else:
            self.scheduleDelayedItemsLayout()

    def scroll_to_row(self, row: int) -> None:
        """Scroll to a card with every card above it measured, so it lands where it is."""
        delegate = self.itemDelegate()
        if isinstance(delegate, PointCardDelegate) and self.isVisible():
            missing = delegate.unmeasured_rows(through=row)
            if missing:
                delegate.measure(missing)
                self.doItemsLayout()
        self.scrollTo(self.model().index(row, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.doItemsLayout()  # card heights depend on the width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            # An empty column says what to do rather than showing a blank box.
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 16, -16, -16)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), EMPTY_COLUMN_TEXT)
            painter.end()


class SideColumn(QWidget):
    """One side of the table ("For", "Against", …): a heading, Add point, and the cards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = ""
        self.model = PointListModel(self)
        self.view = PointListView(self)
        self.view.setModel(self.model)
        self.heading = QLabel(self)
        set_role(self.heading, "title")
        # No mnemonic: two columns would share it, and Alt+A already opens this tab.
        self.add_button = QPushButton("Add point…", self)
        self.add_button.setIcon(icon("add"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addStretch(1)
        header.addWidget(self.add_button)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

    def set_side(self, side: str, other_side: str) -> None:
        """Label the column for `side`; `other_side` ("" for a one-column table) is where the
        switch key sends a point."""
        self.side = side
        self.view.other_side = other_side
        label = SIDE_LABELS[side]
        self.heading.setText(label)
        self.view.setAccessibleName(f"{label} points")
        self.add_button.setAccessibleName(f"Add a point to {label}")
        self.add_button.setToolTip(f"Add a point to {label} (Insert in the list)")

    def show_points(self, points: list[PointRow]) -> None:
        self.model.sync_rows(points)
        self.view.relayout()  # an edited card may need a different height

    def current_point(self) -> PointRow | None:
        return self.model.row_at(self.view.currentIndex())

    def select_point(self, point_id: int | None) -> bool:
        position = self.model.row_of(point_id) if point_id is not None else None
        if position is None:
            return False
        self.view.setCurrentIndex(self.model.index(position, 0))
        self.view.scroll_to_row(position)
        return True

    def clear_point(self) -> None:
        self.view.selectionModel().clear()  # clears the current index too


class ChipButton(QToolButton):
    """One evidence chip: opens its item; its menu removes it from the point."""

    remove_requested = Signal(object)  # EvidenceChip

    def __init__(self, chip: EvidenceChip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chip = chip
        self.setText(chip_text(chip, 40))
        self.setToolTip(f"Open “{chip.title}” · right-click to remove it from this point")
        self.setAccessibleName(f"Evidence: {chip.label}")
        self.setAutoRaise(False)
        set_role(self, "chip")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = QMenu(self)
        menu.addAction("Open", self.click)
        menu.addAction("Remove from this point", lambda: self.remove_requested.emit(self.chip))
        menu.exec(event.globalPos())


class FlowBox(QWidget):
    """Chips laid out in rows that wrap at the box's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.widgets: list[QWidget] = []

    def set_widgets(self, widgets: list[QWidget], width: int) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            row = item.layout() if item is not None else None
            if row is not None:
                row.deleteLater()
        for old in self.widgets:
            old.deleteLater()
        self.widgets = widgets
        row, used = self._new_row(), 0
        for widget in widgets:
            wanted = min(widget.sizeHint().width(), width)
            widget.setMaximumWidth(width)
            if used and used + wanted > width:
                row.addStretch(1)
                row, used = self._new_row(), 0
            row.addWidget(widget)
            used += wanted + 6
        row.addStretch(1)

    def _new_row(self) -> QHBoxLayout:
        """An empty row, put in the box before it is filled. PySide's `addLayout` of a filled
        layout makes a Python wrapper for each of its items and keeps them; once the row was
        deleted those wrappers named freed memory, and a widget Qt later made there came back
        from PySide as a `QSpacerItem` (a list's `viewport()`, an event filter's object)."""
        row = QHBoxLayout()
        self._layout.addLayout(row)
        return row


class PointDetail(QGroupBox):
    """The selected point whole: explanation, counter-argument, rebuttal and evidence chips."""

    open_requested = Signal(object)  # EvidenceChip
    remove_requested = Signal(object)  # EvidenceChip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Selected point", parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.chips = FlowBox(self)
        self.attach_button = QPushButton("Attach evidence…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.attach_button.setIcon(icon("link"))
        self.edit_button.setIcon(icon("edit"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        # The point's words scroll inside the box, so a long explanation is never cut off.
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.text)
        body_layout.addWidget(self.chips)
        body_layout.addStretch(1)
        self.body_scroll = QScrollArea(self)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body_scroll, 1)
        layout.addLayout(buttons)
        self.show_point(None)
        self._keep_buttons_whole()
        on_restyle(self, self._restyle)

    def _restyle(self) -> None:
        self.show_point(self._point)  # the "No evidence yet" colour
        self._keep_buttons_whole()  # their widths follow the text size

    def _keep_buttons_whole(self) -> None:
        """The buttons are never squeezed below their text: the pane's least width (and so
        the splitter's) follows them; at the smallest window they were cut."""
        for button in (self.attach_button, self.edit_button):
            button.setMinimumWidth(button.sizeHint().width())

    def show_point(self, point: PointRow | None) -> None:
        import html

        self._point = point

        self.attach_button.setVisible(point is not None)
        self.edit_button.setVisible(point is not None)
        if point is None:
            self.text.setText("Choose a point to see it whole and attach evidence.")
            self.chips.set_widgets([], self._width())
            return
        parts = [f"<b>{html.escape(point.claim)}</b>"]
        for label, words in (("", point.explanation), ("Counter-argument: ", point.counter),
                             ("Rebuttal: ", point.rebuttal)):  # fmt: skip
            if words.strip():
                parts.append(f"<i>{label}</i>{html.escape(words)}" if label else html.escape(words))
        if not point.evidence:
            parts.append(f"<span style='color:{colour('warning')}'>No evidence yet.</span>")
        self.text.setText("<br>".join(parts))
        chips = [self._chip(chip) for chip in point.evidence]
        self.chips.set_widgets(list(chips), self._width())

    def _chip(self, chip: EvidenceChip) -> ChipButton:
        button = ChipButton(chip, self.chips)
        button.clicked.connect(lambda: self.open_requested.emit(chip))
        button.remove_requested.connect(self.remove_requested)
        return button

    def chip_buttons(self) -> list[ChipButton]:
        return [w for w in self.chips.widgets if isinstance(w, ChipButton)]

    def _width(self) -> int:
        return max(self.body_scroll.viewport().width() - 8, 160)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        chips = [w for w in self.chips.widgets if isinstance(w, ChipButton)]
        if chips:  # re-flow the chips for the new width
            self.chips.widgets = []
            self.chips.set_widgets([self._chip(b.chip) for b in chips], self._width())
            for old in chips:
                old.deleteLater()


class BalanceBar(QWidget):
    """The weight on each side as one bar split in proportion; it informs the judgement."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weights: tuple[tuple[str, int], ...] = ()
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_weights(self, weights: tuple[tuple[str, int], ...]) -> None:
        self.weights = weights
        words = " · ".join(f"{SIDE_LABELS[side]} weight {w}" for side, w in weights)
        self.setAccessibleName(f"Balance: {words}")
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        total = sum(weight for _side, weight in self.weights) or 1
        colours = (QColor(colour("for_side")), QColor(colour("against_side")))
        x, width, height = 0, self.width(), self.height()
        for index, (side, weight) in enumerate(self.weights):
            span = round(width * weight / total) if index < len(self.weights) - 1 else width - x
            painter.fillRect(x, 0, span, height, colours[index % 2])
            painter.setPen(QColor(colour("on_side")))
            painter.drawText(QRect(x + 6, 0, max(span - 12, 0), height),
                             int(Qt.AlignmentFlag.AlignVCenter), f"{SIDE_LABELS[side]} {weight}")
            x += span
        painter.end()


class JudgementBox(QGroupBox):
    """Thesis and conclusion for the current question, saved when the student stops typing,
    with a gentle check that they answer the question's key terms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Your judgement", parent)
        self.thesis = AutosaveTextEdit(self)
        self.thesis.setAccessibleName("Thesis")
        self.thesis.setPlaceholderText("Your answer to the question in one or two sentences.")
        self.conclusion = AutosaveTextEdit(self)
        self.conclusion.setAccessibleName("Conclusion")
        self.conclusion.setPlaceholderText(
            "Weigh the two sides: which points matter most, and why?"
        )
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        set_role(self.hint, "warning")
        layout = QGridLayout(self)
        # Alt+S for the thesis: Alt+T already opens the Timeline tab.
        boxes = (("The&sis", self.thesis), ("C&onclusion", self.conclusion))
        for row, (text, box) in enumerate(boxes):
            label = QLabel(text, self)
            label.setBuddy(box)
            box.setMinimumHeight(box.fontMetrics().lineSpacing() * 3 + 14)
            layout.addWidget(label, row * 2, 0)
            layout.addWidget(box, row * 2 + 1, 0)
        layout.addWidget(self.hint, 4, 0)

    @property
    def pending(self) -> bool:
        return self.thesis.pending or self.conclusion.pending

    def flush(self) -> None:
        """Report pending typing in either box (one save carries both)."""
        self.thesis.flush()
        self.conclusion.flush()

    def show_judgement(self, thesis: str, conclusion: str) -> None:
        self.thesis.set_saved_text(thesis)
        self.conclusion.set_saved_text(conclusion)

    def mark_saved(self) -> None:
        self.thesis.mark_saved()
        self.conclusion.mark_saved()


def separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
