"""The Phase notes' key-terms panel: the glossary of the shown section (or of the whole topic),
each term in bold with its meaning, and Add / Edit / Delete beside it.

The terms are drawn as a small document, like the reading pane above, so long meanings wrap
instead of being cut. A click on a term selects it (`term_clicked`); nothing is followed or
loaded, since every term is the student's to edit. The panel holds no data of its own: the tab
hands it rows and the selected id, and asks the controller to change them.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.key_terms import KeyTermRow
from studyapp.ui.theme import document_css, on_restyle, set_role

ANCHOR = "term-"
# Pieces name what they are; the theme's document stylesheet (`document_css`) colours them.
MARK = '<span class="mark">&nbsp;[{}]</span>'
WHERE = '<span class="meta" style="font-size:small">&nbsp;· {}</span>'


def terms_html(terms: list[KeyTermRow], selected: int | None, show_section: bool) -> str:
    """The terms as escaped rich text; the selected one on a pale band."""
    rows = []
    for term in terms:
        mark = MARK.format("your own") if term.is_own else (
            MARK.format("edited") if term.user_modified else "")  # fmt: skip
        where = WHERE.format(html.escape(term.section_title)) \
            if show_section and term.section_title else ""  # fmt: skip
        background = ' class="selected"' if term.id == selected else ""  # as the reading pane
        rows.append(
            f'<tr><td{background}><a name="{ANCHOR}{term.id}" href="{ANCHOR}{term.id}" '
            f'class="term"><b>{html.escape(term.term)}'
            f"</b></a> — {html.escape(term.meaning)}{mark}{where}</td></tr>"
        )  # fmt: skip
    return f'<table width="100%" cellpadding="4" cellspacing="0">{"".join(rows)}</table>'


class TermsView(QTextBrowser):
    """The terms, read-only; a click anywhere on a term selects it."""

    term_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Key terms")
        self.anchorClicked.connect(self._on_anchor)

    def loadResource(self, _type: int, _name: QUrl | str) -> Any:  # noqa: N802 - Qt override
        return None  # a term can never make the app fetch a file or a URL

    def _on_anchor(self, url: QUrl) -> None:
        name = url.toString()
        if name.startswith(ANCHOR) and name[len(ANCHOR):].isdigit():
            self.term_clicked.emit(int(name[len(ANCHOR):]))


class KeyTermPanel(QWidget):
    """The glossary under the reading pane."""

    add_requested = Signal()
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    scope_changed = Signal(bool)  # True: the whole topic's terms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._terms: list[KeyTermRow] = []
        self._selected: int | None = None
        self.title = QLabel("<b>Key terms</b>", self)
        self.all_sections = QCheckBox("All sections", self)  # Alt+S is Add section
        self.all_sections.setToolTip("Show the key terms of the whole topic, not only this section")
        self.view = TermsView(self)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.add_button = QPushButton("Add ter&m…", self)
        self.add_button.setToolTip("Add your own key term and its meaning")
        self.edit_button = QPushButton("Ed&it term…", self)
        self.edit_button.setToolTip("Change the selected term, its meaning or its section")
        self.delete_button = QPushButton("Delete term", self)
        self.delete_button.setToolTip("Delete the selected term (undoable)")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.all_sections)
        header.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            header.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        self.view.term_clicked.connect(self.select)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.all_sections.toggled.connect(self.scope_changed)
        self._update()
        on_restyle(self, self._update)

    @property
    def selected(self) -> KeyTermRow | None:
        return next((t for t in self._terms if t.id == self._selected), None)

    def terms(self) -> list[KeyTermRow]:
        return list(self._terms)

    def show_terms(self, terms: list[KeyTermRow], empty_text: str, keep: int | None = None) -> None:
        """Show these terms, keeping `keep` (or the selected term) selected when it is there."""
        self._terms = list(terms)
        wanted = keep if keep is not None else self._selected
        self._selected = wanted if any(t.id == wanted for t in terms) else None
        self.empty_label.setText(empty_text)
        self._update()

    def select(self, term_id: int | None) -> bool:
        found = term_id is not None and any(t.id == term_id for t in self._terms)
        self._selected = term_id if found else None
        self._update()
        if found:
            self.view.scrollToAnchor(f"{ANCHOR}{term_id}")
        return found

    def _update(self) -> None:
        scroll = self.view.verticalScrollBar().value()
        self.view.document().setDefaultStyleSheet(document_css())
        self.view.setHtml(terms_html(self._terms, self._selected, self.all_sections.isChecked()))
        self.view.verticalScrollBar().setValue(scroll)
        self.view.setVisible(bool(self._terms))
        self.empty_label.setVisible(not self._terms)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(self._selected is not None)

    def _on_edit(self) -> None:
        if self._selected is not None:
            self.edit_requested.emit(self._selected)

    def _on_delete(self) -> None:
        if self._selected is not None:
            self.delete_requested.emit(self._selected)
