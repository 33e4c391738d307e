"""The Phase notes tab: the section tree with the student's confidence, and the reading view
where they read and act.

Left, the sections with not yet / shaky / secure, and the one overall progress line ("5 of 9
sections secure"). Right, a toolbar whose layout never moves (its buttons keep their width
whatever the selected item) above the section as a document: click or ↑/↓ to select an item in
place, then edit, annotate, tick learnt, add or delete. Date chips open the event on the
Timeline. Every change is an undoable operation saved at once; afterwards only that item (or
the tree, for sections) is redrawn.

Under the reading pane, the key terms of the shown section (or, ticked, of the whole topic):
added, edited and deleted through the same undoable operations (`key_terms.py`).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.operations.quotes import QuoteFields
from studyapp.db.services.key_terms import KeyTermRow, get_key_term, list_key_terms
from studyapp.db.services.notes import (
    ItemRow,
    SectionRow,
    confidence_summary,
    get_item,
    section_items,
    section_progress,
    section_tree,
)
from studyapp.domain.changes import Changes, Kind
from studyapp.ui.context import TabContext
from studyapp.ui.notes.controller import NotesController, short
from studyapp.ui.notes.dialogs import KeyTermDialog, TextDialog
from studyapp.ui.notes.key_terms import KeyTermPanel
from studyapp.ui.notes.model import (
    COL_TITLE,
    SECTION_ID_ROLE,
    NoteItemListModel,
    Progress,
    SectionTreeModel,
    flatten,
    progress_text,
)
from studyapp.ui.notes.quote_controller import QuoteController
from studyapp.ui.notes.quote_dialog import QuoteDialog
from studyapp.ui.notes.reading import ReadingPane
from studyapp.ui.notes.section_view import SectionTreeView
from studyapp.ui.theme import icon, on_restyle
from studyapp.ui.widgets.overflow_row import OverflowRow

LEARNT_TEXTS = ("Mark &learnt", "Mark not &learnt")
HIGHLIGHT_TEXTS = ("&Highlight", "Un&highlight")
FormT = TypeVar("FormT", TextDialog, QuoteDialog)
CONFIDENCE_BUTTONS = (("not-yet", "Not yet"), ("shaky", "Shaky"), ("secure", "Secure"))


class NotesTab(QWidget):
    """The phase notes; `reload()` fetches the tree and the shown section from the services."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._commands = NotesController(context)
        self._quotes = QuoteController(context)
        self._progress: Progress = {}
        on_restyle(self, lambda: self.sections.set_progress(self._progress))  # confidence colours
        self._section_id: int | None = None
        self._item_id: int | None = None
        self._scroll_to_item = True  # False while a click in the reading pane picks the item
        self.text_dialog: TextDialog | QuoteDialog | None = None  # the open form, if any
        self.term_dialog: KeyTermDialog | None = None  # the open key-term form, if any
        self._all_terms: list[KeyTermRow] = []
        self.sections = SectionTreeModel(self)
        self.items = NoteItemListModel(self)  # the shown section's rows; drawn only by `reading`
        self._build_widgets()
        self._build_layout()
        self._connect()

    # -- building ------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.tree = SectionTreeView(self)
        self.tree.setModel(self.sections)
        self.reading = ReadingPane(self)
        self.key_terms = KeyTermPanel(self)
        self.edit_button = self._button("Edit te&xt…", "Reword the selected item (F2)")
        self.annotate_button = self._button("A&nnotate…", "Write your own note (Markdown)")
        self.learnt_button = self._button(LEARNT_TEXTS[0], "Tick or untick the item (Space)")
        self.highlight_button = self._button(HIGHLIGHT_TEXTS[0], "Mark the item with a highlighter")
        self._fix_toggle_widths()
        self.add_item_button = self._button("&Add item…", "Add your own item to this section")
        self.add_quote_button = self._button("Add &quote…", "Add a quote to the section shown")
        self.add_section_button = self._button("Add &section…", "Add your own section here")
        self.delete_button = self._button("&Delete item", "Delete the selected item (undoable)")
        for button, name in ((self.edit_button, "edit"), (self.add_item_button, "add"),
                             (self.add_section_button, "add"), (self.delete_button, "delete")):
            button.setIcon(icon(name))
        self.confidence_label = QLabel("How sure are you of this section?", self)
        self.confidence_buttons = QButtonGroup(self)
        for value, (_key, text) in enumerate(CONFIDENCE_BUTTONS):
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setAccessibleName(f"Confidence in this section: {text.lower()}")
            self.confidence_buttons.addButton(button, value)
        self.progress_label = QLabel(self)
        self.progress_label.setAccessibleName("Overall progress")
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(8)
        self.progress_bar.setAccessibleName("Sections secure")
        self._add_shortcut("Edit text…", Qt.Key.Key_F2, self._on_edit_text)

    def toolbar_buttons(self) -> tuple[QPushButton, ...]:
        """The item actions, in toolbar (and context menu) order."""
        return (self.edit_button, self.annotate_button, self.learnt_button,
                self.highlight_button, self.add_item_button, self.delete_button)  # fmt: skip

    def _fix_toggle_widths(self) -> None:
        """The widest of their two texts, always: the toolbar never shifts when a text changes."""
        for button, texts in ((self.learnt_button, LEARNT_TEXTS),
                              (self.highlight_button, HIGHLIGHT_TEXTS)):  # fmt: skip
            metrics = button.fontMetrics()
            widest = max(metrics.horizontalAdvance(t.replace("&", "")) for t in texts)
            button.setFixedWidth(widest + 32)

    def _restyle_toolbar(self) -> None:
        """A new text size: new widths for the toggles, then the row fits its buttons again."""
        self._fix_toggle_widths()
        self.toolbar.fit()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        return button

    def _add_shortcut(self, text: str, key: Qt.Key, slot: object) -> None:
        action = QAction(text, self.reading)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.reading.addAction(action)

    def _build_layout(self) -> None:
        # At the smallest window the item actions do not all fit: the last go into "More".
        self.toolbar = OverflowRow(self.toolbar_buttons(), self)
        on_restyle(self, self._restyle_toolbar)
        confidence = QHBoxLayout()
        confidence.setSpacing(4)
        for button in self.confidence_buttons.buttons():
            confidence.addWidget(button)
        notes = QWidget(self)
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(self.toolbar)
        notes_layout.addWidget(self.reading, 1)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(notes)
        right.addWidget(self.key_terms)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        self.key_terms.setMinimumHeight(120)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.confidence_label)
        left_layout.addLayout(confidence)
        left_layout.addWidget(self.progress_label)
        left_layout.addWidget(self.progress_bar)
        adding = QHBoxLayout()  # the toolbar is full at the smallest window: quotes go here
        adding.addWidget(self.add_section_button)
        adding.addWidget(self.add_quote_button)
        left_layout.addLayout(adding)
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(left)
        main.addWidget(right)
        left.setMinimumWidth(270)
        main.setSizes([330, 850])
        main.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(main)

    def _connect(self) -> None:
        self.tree.selectionModel().currentRowChanged.connect(self._on_section_changed)
        self.reading.item_clicked.connect(self._on_item_clicked)
        self.reading.section_clicked.connect(self.select_section)
        self.reading.event_clicked.connect(self._commands.open_event)
        self.reading.step_requested.connect(self._on_step)
        self.reading.learnt_requested.connect(self._on_toggle_learnt)
        self.reading.menu_requested.connect(self._on_menu)
        self.edit_button.clicked.connect(self._on_edit_text)
        self.annotate_button.clicked.connect(self._on_annotate)
        self.learnt_button.clicked.connect(self._on_toggle_learnt)
        self.highlight_button.clicked.connect(self._on_toggle_highlight)
        self.add_item_button.clicked.connect(self._on_add_item)
        self.add_quote_button.clicked.connect(self._on_add_quote)
        self.add_section_button.clicked.connect(self._on_add_section)
        self.delete_button.clicked.connect(self._on_delete)
        self.confidence_buttons.idClicked.connect(self._on_confidence_chosen)
        self.key_terms.add_requested.connect(self._on_add_term)
        self.key_terms.edit_requested.connect(self._on_edit_term)
        self.key_terms.delete_requested.connect(self._on_delete_term)
        self.key_terms.scope_changed.connect(lambda _all: self._show_terms())
        self._context.bus.changed.connect(self.on_changed)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the tree and every section's progress; show the same section, or the first.

        Only the shown section's items are read; the others' learnt counts come from one
        grouped query."""
        factory = self._context.session_factory
        roots = section_tree(factory, self._context.topic_id)
        every = flatten(roots)
        self._progress = section_progress(factory, self._context.topic_id)
        keep, keep_item = self._section_id, self._item_id
        self._section_id = None
        self.sections.set_sections(roots, self._progress)
        self.tree.fit_columns()
        self.tree.expandAll()
        self._show_overall(roots)
        self._all_terms = list_key_terms(factory, self._context.topic_id)
        ids = {section.id for section in every}
        first_leaf = next((s.id for s in every if not s.children), None)
        target = keep if keep in ids else first_leaf
        if target is not None:
            self._item_id = keep_item if target == keep else None
            self.select_section(target)

    def on_changed(self, changes: Changes) -> None:
        """Redraw what changed: the tree when sections changed, the items named, or the shown
        section when events changed (items show event dates and titles)."""
        if changes.touches(Kind.NOTE_SECTION):
            self.reload()
            return
        if changes.touches(Kind.KEY_TERM, Kind.EVENT):  # a term lists the events it bears on
            self._reload_terms(changes.ids(Kind.KEY_TERM))
        item_ids = changes.ids(Kind.NOTE_ITEM)
        if item_ids is not None and len(item_ids) == 1:
            self._show_changed_item(next(iter(item_ids)))
        elif self._section_id is not None and changes.touches(Kind.NOTE_ITEM, Kind.EVENT,
                                                              Kind.QUOTE):  # fmt: skip
            self._load_section(self._section_id, self._item_id)

    def select(self, kind: Kind, item_id: int) -> bool:
        """Open a section or an item from elsewhere (a chip, a search result)."""
        if kind == Kind.NOTE_SECTION and self.sections.index_of(item_id).isValid():
            self.select_section(item_id)
            return True
        if kind == Kind.KEY_TERM:
            return self.select_term(item_id)
        if kind == Kind.NOTE_ITEM:
            item = get_item(self._context.session_factory, item_id)
            if item is not None:
                self.select_section(item.section_id)
                self.select_item(item.id)
                return True
        if kind == Kind.QUOTE:  # a quote opens at the note item that shows it
            shown_in = self._quotes.item_showing(item_id)
            return shown_in is not None and self.select(Kind.NOTE_ITEM, shown_in)
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

    def _load_section(self, section_id: int, keep_id: int | None) -> None:
        changed_section = section_id != self._section_id
        self._section_id = section_id
        rows = section_items(self._context.session_factory, section_id)
        self.items.set_rows(rows)
        self._progress[section_id] = _count(rows)
        self.sections.set_progress(self._progress)
        self._scroll_to_item = not changed_section  # a new section starts at its top
        kept = keep_id if keep_id is not None and self.items.row_of(keep_id) >= 0 else None
        self.select_item(kept if kept is not None else (rows[0].id if rows else None))
        self._scroll_to_item = True
        if changed_section:
            self._show_terms()

    def _show_overall(self, roots: list[SectionRow]) -> None:
        secure, total = confidence_summary(roots)
        self.progress_label.setText(f"{secure} of {total} sections secure")
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(secure)

    # -- items ---------------------------------------------------------------------------------

    def current_section(self) -> SectionRow | None:
        return self.sections.section(self._section_id) if self._section_id else None

    def current_item(self) -> ItemRow | None:
        row = self.items.row_of(self._item_id) if self._item_id is not None else -1
        return self.items.row_at(row) if row >= 0 else None

    def select_item(self, item_id: int | None) -> None:
        """Select an item of the shown section in place (None: no item) and redraw."""
        self._item_id = item_id if item_id is not None and self.items.row_of(item_id) >= 0 \
            else None  # fmt: skip
        self._render(self.current_item())

    def _on_item_clicked(self, item_id: int) -> None:
        self._scroll_to_item = False  # the student is looking at it already
        self.select_item(item_id)
        self._scroll_to_item = True

    def _on_step(self, offset: int) -> None:
        order = self.reading.item_ids()
        if not order:
            return
        at = order.index(self._item_id) if self._item_id in order else -1
        self.select_item(order[max(0, min(len(order) - 1, at + offset))])

    def _render(self, item: ItemRow | None) -> None:
        """Redraw the reading pane and the toolbar for the shown section and chosen item."""
        section = self.current_section()
        if section is None:
            return
        progress = self.sections.totals(section.id, self._progress)
        self.reading.show_section(section, self.items.rows(), item.id if item else None, progress)
        if item is not None and self._scroll_to_item:
            self.reading.scrollToAnchor(f"item-{item.id}")
        self._update_controls(section, item)

    def _update_controls(self, section: SectionRow, item: ItemRow | None) -> None:
        for button in (self.edit_button, self.annotate_button, self.learnt_button,
                       self.highlight_button, self.delete_button):  # fmt: skip
            button.setEnabled(item is not None)
        self.learnt_button.setText(LEARNT_TEXTS[1] if item and item.learnt else LEARNT_TEXTS[0])
        marked = bool(item and item.highlighted)
        self.highlight_button.setText(HIGHLIGHT_TEXTS[1] if marked else HIGHLIGHT_TEXTS[0])
        leaf = not section.children
        self.add_item_button.setEnabled(leaf)
        self.add_quote_button.setEnabled(leaf)
        for choice in self.confidence_buttons.buttons():
            choice.setEnabled(leaf)
        keys = [key for key, _text in CONFIDENCE_BUTTONS]
        chosen = keys.index(section.confidence) if section.confidence in keys else 0
        self.confidence_buttons.button(chosen).setChecked(True)

    def _on_menu(self, where: QPoint) -> None:
        """The same actions as the toolbar, at the pointer."""
        menu = QMenu(self)
        for button in self.toolbar_buttons():
            action = menu.addAction(button.text().replace("&", ""), button.click)
            action.setEnabled(button.isEnabled())
        menu.popup(where)
        self.context_menu = menu

    # -- editing -------------------------------------------------------------------------------

    def open_text_dialog(self, item: ItemRow) -> TextDialog:
        """Reword an item; opened without blocking, OK saves through undo."""
        return self._open_dialog(TextDialog(
            "Edit the note", "&Text of this item, as you want to revise it:", item.text,
            lambda text: self._save_text(item, text), self,
        ))  # fmt: skip

    def open_annotation_dialog(self, item: ItemRow) -> TextDialog:
        """Write the student's own note on an item (Markdown); empty text removes it."""
        label = "&Your note on: " + short(item.text, 70).replace("&", "&&")  # & is a mnemonic
        return self._open_dialog(TextDialog(
            "Your note", label, item.annotation,
            lambda text: self._commands.annotate(item, text), self,
            hint="An example, a link to another topic, a historian's view… "
                 "**bold**, *italic* and - lists work.",
        ))  # fmt: skip

    def open_add_item_dialog(self, section: SectionRow) -> TextDialog:
        label = "&Your own item for: " + section.title.replace("&", "&&")
        return self._open_dialog(TextDialog(
            "Add an item", label, "", lambda text: self._add_item(section, text), self,
        ))  # fmt: skip

    def open_add_section_dialog(self, parent: SectionRow | None) -> TextDialog:
        where = f"under “{parent.title}”" if parent else "at the top level"
        return self._open_dialog(TextDialog(
            "Add a section", f"&Heading of your new section ({where}):".replace("&&", "&"), "",
            lambda text: self._add_section(parent, text), self,
        ))  # fmt: skip

    def open_quote_dialog(self, section: SectionRow, item: ItemRow | None = None) -> QuoteDialog:
        """Add a quote to `section`, or edit the quote `item` shows (Edit text… on a quote)."""
        quote = self._quotes.quote_of(item.id) if item is not None else None
        if quote is None:
            dialog = QuoteDialog(lambda fields: self._add_quote(section, fields), None, self,
                                 section_title=short(section.title, 40))  # fmt: skip
        else:
            dialog = QuoteDialog(lambda fields: self._quotes.edit(quote, fields), quote, self)
        return self._open_dialog(dialog)

    def _add_quote(self, section: SectionRow, fields: QuoteFields) -> None:
        self._item_id = self._quotes.add(section.id, fields)
        self._load_section(section.id, self._item_id)

    def _open_dialog(self, dialog: FormT) -> FormT:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.text_dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _result: int) -> None:
        self.text_dialog = None
        self.reading.setFocus()

    def _save_text(self, item: ItemRow, text: str) -> None:
        if not self._commands.edit_text(item, text):
            self._context.bus.say("Nothing changed.")

    def _add_item(self, section: SectionRow, text: str) -> None:
        self._item_id = self._commands.add_item(section, text)
        self._load_section(section.id, self._item_id)

    def _add_section(self, parent: SectionRow | None, title: str) -> None:
        new_id = self._commands.add_section(parent, title)
        self.select_section(new_id)

    def _set_learnt(self, item: ItemRow, learnt: bool) -> None:
        if self._commands.set_learnt(item, learnt):
            done, total = self.sections.totals(item.section_id, self._progress)
            self._context.bus.say(f"{'Learnt' if learnt else 'Not learnt yet'}: "
                                  f"{progress_text(done, total)} in this section.")  # fmt: skip

    def _show_changed_item(self, item_id: int) -> None:
        """After an edit, undo or redo of one item: redraw it, going to its section if need be."""
        item = get_item(self._context.session_factory, item_id)
        if item is None:  # deleted (or its creation undone): redraw the section without it
            if self._section_id is not None:
                self._load_section(self._section_id, self._item_id)
            return
        if item.section_id != self._section_id or self.items.row_of(item.id) < 0:
            self._section_id = None if item.section_id != self._section_id else self._section_id
            self.select_section(item.section_id)
            self._load_section(item.section_id, item.id)
            return
        self.items.replace(item)
        self._progress[item.section_id] = _count(self.items.rows())
        self.sections.set_progress(self._progress)
        self.select_item(item.id)

    def _on_edit_text(self) -> None:
        item, section = self.current_item(), self.current_section()
        if item is not None and section is not None and item.kind == "quote" \
                and self._quotes.quote_of(item.id) is not None:  # fmt: skip
            self.open_quote_dialog(section, item)
        elif item is not None:
            self.open_text_dialog(item)

    def _on_annotate(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_annotation_dialog(item)

    def _on_toggle_learnt(self) -> None:
        item = self.current_item()
        if item is not None:
            self._set_learnt(item, not item.learnt)

    def _on_toggle_highlight(self) -> None:
        item = self.current_item()
        if item is not None:
            self._commands.set_highlighted(item, not item.highlighted)

    def _on_add_item(self) -> None:
        section = self.current_section()
        if section is not None and not section.children:
            self.open_add_item_dialog(section)

    def _on_add_section(self) -> None:
        """A new section beside the shown one (or inside it, when it holds sections)."""
        section = self.current_section()
        parent = section
        if section is not None and not section.children:
            parent = self.sections.section(section.parent_id) if section.parent_id else None
        self.open_add_section_dialog(parent)

    def _on_add_quote(self) -> None:
        section = self.current_section()
        if section is not None and not section.children:
            self.open_quote_dialog(section)

    def _on_delete(self) -> None:
        item = self.current_item()
        quote = self._quotes.quote_of(item.id) if item is not None else None
        if quote is not None:  # the quote goes with the item that shows it
            self._quotes.delete(quote)
        elif item is not None:
            self._commands.delete_item(item)

    def _on_confidence_chosen(self, value: int) -> None:
        section = self.current_section()
        if section is not None:
            self._commands.set_confidence(section, CONFIDENCE_BUTTONS[value][0])

    # -- key terms -----------------------------------------------------------------------------

    def select_term(self, term_id: int) -> bool:
        """Show a term (a search result): its section's terms, or all when it has none."""
        term = get_key_term(self._context.session_factory, term_id)
        if term is None:
            return False
        if all(t.id != term_id for t in self._all_terms):
            self._all_terms = list_key_terms(self._context.session_factory, self._context.topic_id)
        in_tree = term.section_id is not None and self.sections.index_of(term.section_id).isValid()
        if in_tree and not self.key_terms.all_sections.isChecked():
            self.select_section(term.section_id)  # type: ignore[arg-type]
        elif not in_tree:
            self.key_terms.all_sections.setChecked(True)
        self._show_terms(term_id)
        return self.key_terms.select(term_id)

    def _section_scope(self) -> set[int]:
        """The shown section and every section under it."""
        section = self.current_section()
        return {s.id for s in flatten([section])} if section is not None else set()

    def _show_terms(self, keep: int | None = None) -> None:
        if self.key_terms.all_sections.isChecked():
            terms = self._all_terms
            empty = "No key terms yet. Add your own with Add term…"
        else:
            scope = self._section_scope()
            terms = [t for t in self._all_terms if t.section_id in scope]
            empty = ("No key terms in this section. Tick All sections to see the whole "
                     "topic's, or add your own with Add term…")  # fmt: skip
        self.key_terms.show_terms(terms, empty, keep)

    def _reload_terms(self, changed: frozenset[int] | None) -> None:
        """After a key term was added, edited, deleted, undone or redone: show it."""
        self._all_terms = list_key_terms(self._context.session_factory, self._context.topic_id)
        one = next(iter(changed)) if changed and len(changed) == 1 else None
        if one is not None and any(t.id == one for t in self._all_terms):
            self.select_term(one)
        else:
            self._show_terms()

    def _section_choices(self) -> list[tuple[int, str]]:
        choices: list[tuple[int, str]] = []

        def walk(rows: list[SectionRow], depth: int) -> None:
            for row in rows:
                choices.append((row.id, "– " * depth + row.title))  # the tree, flattened
                walk(row.children, depth + 1)

        walk(section_tree(self._context.session_factory, self._context.topic_id), 0)
        return choices

    def open_term_dialog(self, term: KeyTermRow | None = None) -> KeyTermDialog:
        """Add a term (to the shown section) or edit one; OK saves through undo."""
        if term is None:
            section = self.current_section()
            dialog = KeyTermDialog(
                "Add a key term", self._section_choices(),
                lambda text, meaning, where: self._commands.add_key_term(text, meaning, where),
                self, section_id=section.id if section is not None else None,
            )  # fmt: skip
        else:
            dialog = KeyTermDialog(
                "Edit the key term", self._section_choices(),
                lambda text, meaning, where: self._save_term(term, text, meaning, where),
                self, term.term, term.meaning, term.section_id,
            )  # fmt: skip
        dialog.finished.connect(self._on_term_dialog_finished)
        self.term_dialog = dialog
        dialog.open()
        return dialog

    def _on_term_dialog_finished(self, _result: int) -> None:
        self.term_dialog = None

    def _save_term(self, term: KeyTermRow, text: str, meaning: str, where: int | None) -> None:
        if not self._commands.edit_key_term(term, text, meaning, where):
            self._context.bus.say("Nothing changed.")

    def _on_add_term(self) -> None:
        self.open_term_dialog()

    def _on_edit_term(self, term_id: int) -> None:
        term = next((t for t in self._all_terms if t.id == term_id), None)
        if term is not None:
            self.open_term_dialog(term)

    def _on_delete_term(self, term_id: int) -> None:
        term = next((t for t in self._all_terms if t.id == term_id), None)
        if term is not None:
            self._commands.delete_key_term(term)


def _count(rows: list[ItemRow]) -> tuple[int, int]:
    return sum(1 for row in rows if row.learnt), len(rows)
