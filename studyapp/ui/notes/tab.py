"""The Phase notes tab: the section tree, the reading pane, and the items the student works on.

Left, the sections with how many items are learnt. Right, the section as a document and, under
it, its items with a "learnt" tick and buttons to reword an item or annotate it. Every change is
an undoable edit saved at once (`NoteEdits`); afterwards only that item is redrawn.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.notes import ItemRow, SectionRow, get_item, section_items, section_tree
from studyapp.domain.changes import Changes, Kind
from studyapp.ui.context import TabContext
from studyapp.ui.notes.controller import NotesController, short
from studyapp.ui.notes.dialogs import TextDialog
from studyapp.ui.notes.model import (
    COL_TITLE,
    ROW_ROLE,
    SECTION_ID_ROLE,
    NoteItemListModel,
    Progress,
    SectionTreeModel,
    flatten,
    progress_text,
)
from studyapp.ui.notes.reading import ReadingPane
from studyapp.ui.notes.section_view import SectionTreeView

ITEMS_LABEL = "&Items in this section (tick what you have learnt):"
NO_ITEMS_LABEL = "This part has no items of its own: open one of its sections (links above)."


class NotesTab(QWidget):
    """The phase notes; `reload()` fetches the tree and the shown section from the services."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._commands = NotesController(context)
        self._progress: Progress = {}
        self._section_id: int | None = None
        self._scroll_to_item = True  # False while a click in the reading pane picks the item
        self.text_dialog: TextDialog | None = None  # the open edit/annotate dialog, if any
        self.sections = SectionTreeModel(self)
        self.items = NoteItemListModel(self)
        self._build_widgets()
        self._build_layout()
        self._connect()

    # -- building ------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.tree = SectionTreeView(self)
        self.tree.setModel(self.sections)
        self.reading = ReadingPane(self)
        self.item_list = QListView(self)
        self.item_list.setModel(self.items)
        self.item_list.setAccessibleName("Items in this section")
        self.item_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.item_list.setUniformItemSizes(True)
        # One line per item, cut with "…" at the pane's edge: the full text is in the pane above.
        self.item_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.edit_button = QPushButton("Edit te&xt…", self)
        self.edit_button.setToolTip("Reword the selected item (F2)")
        self.annotate_button = QPushButton("A&nnotate…", self)
        self.annotate_button.setToolTip("Write your own note on the selected item")
        self.learnt_button = QPushButton("Mark &learnt", self)
        self.learnt_button.setToolTip("Tick the selected item as learnt, or untick it (Space)")
        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(10)
        self.progress_bar.setAccessibleName("Section progress")
        edit_action = QAction("Edit text…", self.item_list)
        edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        edit_action.triggered.connect(self._on_edit_text)
        self.item_list.addAction(edit_action)

    def _build_layout(self) -> None:
        self.items_label = QLabel(ITEMS_LABEL, self)
        self.items_label.setBuddy(self.item_list)
        buttons = QVBoxLayout()
        for widget in (self.edit_button, self.annotate_button, self.learnt_button,
                       self.progress_label, self.progress_bar):  # fmt: skip
            buttons.addWidget(widget)
        buttons.addStretch(1)
        list_box = QVBoxLayout()
        list_box.setContentsMargins(0, 0, 0, 0)
        list_box.addWidget(self.items_label)
        list_box.addWidget(self.item_list, 1)
        panel = QWidget(self)
        row = QHBoxLayout(panel)
        row.setContentsMargins(0, 4, 0, 0)
        row.addLayout(list_box, 1)
        row.addLayout(buttons)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.reading)
        right.addWidget(panel)
        right.setSizes([520, 180])
        right.setChildrenCollapsible(False)
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(self.tree)
        main.addWidget(right)
        main.setSizes([330, 850])
        main.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(main)
        order = [self.tree, self.reading, self.item_list, self.edit_button,
                 self.annotate_button, self.learnt_button]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.tree.selectionModel().currentRowChanged.connect(self._on_section_changed)
        self.item_list.selectionModel().currentRowChanged.connect(self._on_item_changed)
        self.reading.item_clicked.connect(self._on_item_clicked)
        self.reading.section_clicked.connect(self.select_section)
        self.items.learnt_toggled.connect(self._on_learnt_toggled)
        self.edit_button.clicked.connect(self._on_edit_text)
        self.annotate_button.clicked.connect(self._on_annotate)
        self.learnt_button.clicked.connect(self._on_toggle_learnt)
        self._context.bus.changed.connect(self.on_changed)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the tree and every section's progress; show the same section, or the first."""
        factory = self._context.session_factory
        roots = section_tree(factory, self._context.topic_id)
        every = flatten(roots)
        self._progress = {s.id: _count(section_items(factory, s.id)) for s in every}
        keep = self._section_id
        self._section_id = None
        self.sections.set_sections(roots, self._progress)
        self.tree.fit_columns()
        self.tree.expandAll()
        ids = {section.id for section in every}
        first_leaf = next((s.id for s in every if not s.children), None)
        target = keep if keep in ids else first_leaf
        if target is not None:
            self.select_section(target)

    def on_changed(self, changes: Changes) -> None:
        """Redraw what changed: the items named, or the shown section when events changed
        (items show event dates and titles), or everything after an import."""
        if changes.ids(Kind.NOTE_SECTION) is None:
            self.reload()
            return
        item_ids = changes.ids(Kind.NOTE_ITEM) or frozenset()
        if len(item_ids) == 1:
            self._show_changed_item(next(iter(item_ids)))
        elif self._section_id is not None and (
            item_ids or changes.touches(Kind.EVENT, Kind.QUOTE)
        ):
            self._load_section(self._section_id, self.current_item())

    def select(self, kind: Kind, item_id: int) -> bool:
        """Open a section or an item from elsewhere (a chip, a search result)."""
        if kind == Kind.NOTE_SECTION and self.sections.index_of(item_id).isValid():
            self.select_section(item_id)
            return True
        if kind == Kind.NOTE_ITEM:
            item = get_item(self._context.session_factory, item_id)
            if item is not None:
                self.select_section(item.section_id)
                self.select_item(item.id)
                return True
        return False

    def select_section(self, section_id: int) -> None:
        index = self.sections.index_of(section_id)
        if index.isValid():
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
            self.tree.selectionModel().setCurrentIndex(index, flags)
            self.tree.scrollTo(index)

    def _on_section_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        section_id = current.siblingAtColumn(COL_TITLE).data(SECTION_ID_ROLE)
        if section_id is not None and section_id != self._section_id:
            self._load_section(section_id, None)

    def _load_section(self, section_id: int, keep: ItemRow | None) -> None:
        self._section_id = section_id
        rows = section_items(self._context.session_factory, section_id)
        self.items.set_rows(rows)
        self._progress[section_id] = _count(rows)
        self.sections.set_progress(self._progress)
        self._scroll_to_item = False  # a new section starts at its top
        if rows:
            self.select_item(keep.id if keep and self.items.row_of(keep.id) >= 0 else rows[0].id)
        else:
            self._render(None)
        self._scroll_to_item = True

    # -- items ---------------------------------------------------------------------------------

    def current_section(self) -> SectionRow | None:
        return self.sections.section(self._section_id) if self._section_id else None

    def current_item(self) -> ItemRow | None:
        index = self.item_list.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_item(self, item_id: int) -> None:
        row = self.items.row_of(item_id)
        if row < 0:
            return
        index = self.items.index(row)
        self.item_list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.item_list.scrollTo(index)
        self._render(self.items.row_at(row))

    def _on_item_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._render(current.data(ROW_ROLE) if current.isValid() else None)

    def _on_item_clicked(self, item_id: int) -> None:
        self._scroll_to_item = False  # the student is looking at it already
        self.select_item(item_id)
        self._scroll_to_item = True

    def _render(self, item: ItemRow | None) -> None:
        """Redraw the reading pane and the buttons for the shown section and chosen item."""
        section = self.current_section()
        if section is None:
            return
        progress = self.sections.totals(section.id, self._progress)
        self.reading.show_section(section, self.items.rows(), item.id if item else None, progress)
        if item is not None and self._scroll_to_item:
            self.reading.scrollToAnchor(f"item-{item.id}")
        self._update_controls(item, progress)

    def _update_controls(self, item: ItemRow | None, progress: tuple[int, int]) -> None:
        for button in (self.edit_button, self.annotate_button, self.learnt_button):
            button.setEnabled(item is not None)
        has_items = self.items.rowCount() > 0
        self.items_label.setText(ITEMS_LABEL if has_items else NO_ITEMS_LABEL)
        self.item_list.setEnabled(has_items)
        learnt = bool(item and item.learnt)
        self.learnt_button.setText("Mark not &learnt" if learnt else "Mark &learnt")
        done, total = progress
        self.progress_label.setText(progress_text(done, total) or "No items here")
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    # -- editing -------------------------------------------------------------------------------

    def open_text_dialog(self, item: ItemRow) -> TextDialog:
        """Reword an item; opened without blocking, OK saves through undo."""
        return self._open_dialog(TextDialog(
            "Edit the note", "&Text of this item, as you want to revise it:", item.text,
            lambda text: self._save_text(item, text), self,
        ))  # fmt: skip

    def open_annotation_dialog(self, item: ItemRow) -> TextDialog:
        """Write the student's own note on an item; empty text removes it."""
        label = "&Your note on: " + short(item.text, 70).replace("&", "&&")  # & is a mnemonic
        return self._open_dialog(TextDialog(
            "Your note", label, item.annotation,
            lambda text: self._save_annotation(item, text), self,
            hint="An example, a link to another topic, a historian's view…",
        ))  # fmt: skip

    def _open_dialog(self, dialog: TextDialog) -> TextDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.text_dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _result: int) -> None:
        self.text_dialog = None
        self.item_list.setFocus()

    def _save_text(self, item: ItemRow, text: str) -> None:
        if not self._commands.edit_text(item, text):
            self._context.bus.say("Nothing changed.")

    def _save_annotation(self, item: ItemRow, text: str) -> None:
        self._commands.annotate(item, text)

    def _set_learnt(self, item: ItemRow, learnt: bool) -> None:
        if self._commands.set_learnt(item, learnt):
            done, total = self.sections.totals(item.section_id, self._progress)
            self._context.bus.say(f"{'Learnt' if learnt else 'Not learnt yet'}: "
                                  f"{progress_text(done, total)} in this section.")  # fmt: skip

    def _show_changed_item(self, item_id: int) -> None:
        """After an edit, undo or redo of one item: redraw it, going to its section if need be."""
        item = get_item(self._context.session_factory, item_id)
        if item is None:  # deleted meanwhile: fetch everything again
            self.reload()
            return
        if item.section_id != self._section_id:
            self.select_section(item.section_id)
        self.items.replace(item)
        self._progress[item.section_id] = _count(self.items.rows())
        self.sections.set_progress(self._progress)
        self.select_item(item.id)

    def _on_edit_text(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_text_dialog(item)

    def _on_annotate(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_annotation_dialog(item)

    def _on_toggle_learnt(self) -> None:
        item = self.current_item()
        if item is not None:
            self._set_learnt(item, not item.learnt)

    def _on_learnt_toggled(self, item_id: int, learnt: bool) -> None:
        row = self.items.row_of(item_id)
        if row >= 0:
            self._set_learnt(self.items.row_at(row), learnt)


def _count(rows: list[ItemRow]) -> tuple[int, int]:
    return sum(1 for row in rows if row.learnt), len(rows)
