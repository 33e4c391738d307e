"""The toolbar's search box: a field, and a list of results under it as the student types.

`SearchBox` is cheap to build (Qt only), so the window can show it before the database is
open; `attach(context)` brings in the search itself (and SQLAlchemy) once the data is ready.
The results list floats under the field without taking the keyboard: the field keeps focus,
Up/Down move through the results (skipping group headings), Enter opens the chosen one in its
tab and Escape closes the list. Titles and snippets are rich text in which everything the
student wrote is escaped (the controller builds it); only the matches are highlighted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.ui.theme import document_css

if TYPE_CHECKING:
    from studyapp.ui.context import TabContext
    from studyapp.ui.search.controller import Group, Hit, SearchController

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the Hit a row shows; None on a group heading
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
POPUP_WIDTH, POPUP_MAX_HEIGHT = 560, 440
PLACEHOLDER = "Search everything (Ctrl+K)"
SCOPE_TEXTS = ("This topic", "All topics")  # the scope button, unchecked and checked
SCOPE_TIPS = ("Searching this topic only: click to search every topic",
              "Searching every topic: click to search this topic only")  # fmt: skip


class _RichTextDelegate(QStyledItemDelegate):
    """Draws a row's HTML (title and snippet) with the selection colours of the style."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        # The date and snippet are quieter than the title, and readable on the selection too.
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        roles = QPalette.ColorRole
        role = roles.HighlightedText if selected else roles.PlaceholderText
        detail = f".detail {{ color: {option.palette.color(role).name()}; }}"
        document.setDefaultStyleSheet(document_css() + detail)  # `hit`: the theme's marker
        document.setDocumentMargin(5)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(option.rect.width(), 200))
        return document

    def paint(self, painter, option, index) -> None:  # type: ignore[no-untyped-def]
        self.initStyleOption(option, index)
        document = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # type: ignore[no-untyped-def]  # noqa: N802
        self.initStyleOption(option, index)
        width = option.rect.width()  # set when the popup measures rows for a width to come
        if width <= 0:
            width = option.widget.viewport().width() if option.widget else POPUP_WIDTH
        option.rect.setWidth(width)
        document = self._document(option, index)
        return QSize(width, int(document.size().height()))


class ResultsPopup(QFrame):
    """The floating list of results; it never takes the keyboard from the search field."""

    chosen = Signal(object)  # Hit

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(8, 6, 8, 2)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setItemDelegate(_RichTextDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setAccessibleName("Search results")
        self.list.itemClicked.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)

    def show_groups(self, groups: list[Group], summary: str) -> None:
        self.list.clear()
        for group in groups:
            heading = QListWidgetItem()
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # shown, never selected
            heading.setData(HTML_ROLE, f"<b>{group.title}</b> ({len(group.hits)})")
            heading.setData(Qt.ItemDataRole.AccessibleTextRole, group.title)
            self.list.addItem(heading)
            for hit in group.hits:
                self.list.addItem(self._row(hit))
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self.move_selection(1)

    @staticmethod
    def _row(hit: Hit) -> QListWidgetItem:
        row = QListWidgetItem()
        row.setData(HIT_ROLE, hit)
        detail = f'<br><span class="detail">{hit.detail_html}</span>' if hit.detail_html \
            else ""  # fmt: skip
        row.setData(HTML_ROLE, f'<div style="margin-left: 10px;">{hit.title_html}{detail}</div>')
        row.setData(Qt.ItemDataRole.AccessibleTextRole, hit.plain_title)
        return row

    def hits(self) -> list[Hit]:
        rows = (self.list.item(i).data(HIT_ROLE) for i in range(self.list.count()))
        return [hit for hit in rows if hit is not None]

    def current_hit(self) -> Hit | None:
        item = self.list.currentItem()
        return item.data(HIT_ROLE) if item is not None else None

    def move_selection(self, step: int) -> None:
        """Select the next result up or down, skipping headings; stays put at either end."""
        row = self.list.currentRow() if self.list.currentItem() else (-1 if step > 0 else 0)
        row += step
        while 0 <= row < self.list.count():
            if self.list.item(row).data(HIT_ROLE) is not None:
                self.list.setCurrentRow(row)
                self.list.scrollToItem(self.list.item(row))
                return
            row += step

    def _on_clicked(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if hit is not None:
            self.chosen.emit(hit)


class SearchBox(QWidget):
    """A search field for the toolbar, with its results popup and its scope: this topic or
    all of them (`scope_changed` tells the window, which remembers it). A result in another
    topic is handed to the window through `open_elsewhere`, which switches topic first."""

    scope_changed = Signal(bool)  # True: every topic
    open_elsewhere = Signal(int, str, int)  # topic id, kind, item id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search")
        self.field.setMinimumWidth(220)
        self.setMaximumWidth(480)  # a toolbar field and its scope, not a banner
        self.field.setEnabled(False)  # until attach(): there is nothing to search yet
        self.scope_button = QToolButton(self)
        self.scope_button.setCheckable(True)
        self.scope_button.setAccessibleName("Search scope")
        width = max(self.scope_button.fontMetrics().horizontalAdvance(t) for t in SCOPE_TEXTS)
        self.scope_button.setFixedWidth(width + 20)  # the bar never shifts when it toggles
        self.scope_button.toggled.connect(self._on_scope_toggled)
        self._show_scope(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.scope_button)
        self.popup = ResultsPopup(self)
        self.popup.chosen.connect(self._open)
        self.controller: SearchController | None = None
        self.field.installEventFilter(self)

    def attach(self, context: TabContext) -> None:
        """Start searching `context`'s notes (called once the database is open)."""
        from studyapp.ui.search.controller import SearchController

        if self.controller is not None:  # another topic: the old controller goes with it
            self.field.textEdited.disconnect(self.controller.set_text)
            self.controller.deleteLater()
            self.field.clear()
            self.popup.hide()
        self.controller = SearchController(context, self)
        self.controller.set_all_topics(self.scope_button.isChecked())
        self.controller.results_changed.connect(self._on_results)
        self.controller.open_elsewhere.connect(self.open_elsewhere)
        self.field.textEdited.connect(self.controller.set_text)
        self.field.setEnabled(True)

    def all_topics(self) -> bool:
        return self.scope_button.isChecked()

    def set_all_topics(self, on: bool) -> None:
        """Search every topic (True) or this one; the button shows which."""
        self.scope_button.setChecked(on)

    def _on_scope_toggled(self, on: bool) -> None:
        self._show_scope(on)
        if self.controller is not None:
            self.controller.set_all_topics(on)
        self.scope_changed.emit(on)

    def _show_scope(self, on: bool) -> None:
        self.scope_button.setText(SCOPE_TEXTS[on])
        self.scope_button.setToolTip(SCOPE_TIPS[on])

    def focus_search(self) -> None:
        """Ctrl+K / Ctrl+F: put the cursor in the field with its text selected."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.controller is not None and self.controller.groups:
            self._show_popup()

    def _on_results(self, groups: list[Group]) -> None:
        if self.controller is None or not self.controller.text.strip():
            self.popup.hide()
            return
        self.popup.show_groups(groups, self.controller.summary)
        if self.field.hasFocus():
            self._show_popup()

    def _show_popup(self) -> None:
        width = max(self.field.width(), POPUP_WIDTH)
        below = self.field.mapToGlobal(QPoint(0, self.field.height() + 2))
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            below.setX(max(screen.left(), min(below.x(), screen.right() - width)))
        self.popup.setGeometry(below.x(), below.y(), width, POPUP_MAX_HEIGHT)
        self.popup.show()
        self.popup.raise_()
        rows = self.popup.list
        content = self._rows_height(width - 2 - 2 * rows.frameWidth()
                                    - rows.verticalScrollBar().sizeHint().width())  # fmt: skip
        summary = self.popup.summary
        extra = 0 if summary.isHidden() else summary.heightForWidth(width)
        self.popup.resize(width, min(POPUP_MAX_HEIGHT, content + extra + 2))

    def _rows_height(self, inner_width: int) -> int:
        """The rows' total height at the list's coming width (its viewport may not have it yet)."""
        rows = self.popup.list
        option = QStyleOptionViewItem()
        option.initFrom(rows)
        option.rect = QRect(0, 0, inner_width, 0)
        delegate = rows.itemDelegate()
        heights = (delegate.sizeHint(QStyleOptionViewItem(option), rows.model().index(i, 0))
                   for i in range(rows.count()))  # fmt: skip
        return sum(size.height() for size in heights) + 2 * rows.frameWidth()

    def _open(self, hit: Hit) -> None:
        self.popup.hide()
        if self.controller is not None:
            self.controller.open(hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            return self._on_key(event)  # type: ignore[arg-type]
        if watched is self.field and event.type() == QEvent.Type.FocusOut \
                and not self.popup.underMouse():  # a click on a result must still reach it
            self.popup.hide()
        return super().eventFilter(watched, event)

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.popup.isVisible():
            self.popup.move_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.controller is not None:
                self.controller.flush()  # Enter before the pause: search what is typed first
            hit = self.popup.current_hit() if self.popup.list.count() else None
            if hit is not None:
                self._open(hit)
            return True
        if key == Qt.Key.Key_Escape and self.popup.isVisible():
            self.popup.hide()
            return True
        return False
