"""The main window: assembles the four tabs, the menus and the status bar — nothing more.

It paints first, then opens the database on the next turn of the event loop, then fills the
Timeline (the first thing the student sees) and the other tabs after it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from studyapp import APP_NAME, __version__
from studyapp.paths import AppPaths
from studyapp.ui.context import TabContext
from studyapp.ui.safety import SafetyActions

log = logging.getLogger(__name__)

TAB_TITLES = ("&Timeline", "&Phase notes", "&War-victory factors", "&Argument builder")


class MainWindow(QMainWindow):
    first_painted = Signal()
    data_ready = Signal()
    open_failed = Signal(str)
    open_damaged = Signal(object)  # DatabaseDamagedError: see studyapp.ui.safety

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.database = None
        self.tabs: list[QWidget] = []
        self.undo_stack = QUndoStack(self)
        self._painted = False
        self._undo_index = 0
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(900, 600)
        self._tab_widget = QTabWidget(self)
        self._tab_widget.setDocumentMode(True)
        self._loading = QLabel("Opening your notes…", self)
        self._loading.setMargin(24)
        self.setCentralWidget(self._loading)
        self._build_menus()
        self.statusBar().showMessage("Opening your notes…")
        self.undo_stack.indexChanged.connect(self._on_undo_index_changed)
        self._restore_geometry()

    # -- start-up ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
            QTimer.singleShot(0, self._open_database)

    def _open_database(self) -> None:
        from studyapp.ui.loader import DatabaseLoader

        self._loader = DatabaseLoader(self.paths, self)
        self._loader.opened.connect(self._on_database_opened)
        self._loader.failed.connect(self.open_failed)
        self._loader.damaged.connect(self.open_damaged)
        self._loader.start()

    def _on_database_opened(self, database, topic) -> None:  # type: ignore[no-untyped-def]
        self.database = database
        self.setWindowTitle(f"{topic.title} — {APP_NAME}")
        context = TabContext(database.session_factory, topic.id, self.undo_stack)
        self._build_tabs(context)
        self.statusBar().showMessage(f"{topic.exam} {topic.paper}: {topic.title}", 8000)

    def _build_tabs(self, context: TabContext) -> None:
        from studyapp.ui.arguments.tab import ArgumentsTab
        from studyapp.ui.factors.tab import FactorsTab
        from studyapp.ui.notes.tab import NotesTab
        from studyapp.ui.timeline.tab import TimelineTab

        self.tabs = [
            TimelineTab(context),
            NotesTab(context),
            FactorsTab(context),
            ArgumentsTab(context),
        ]
        for tab, title in zip(self.tabs, TAB_TITLES, strict=True):
            self._tab_widget.addTab(tab, title)
            tab.status_message.connect(self._show_status)
        self.setCentralWidget(self._tab_widget)
        self._loading = None
        self.tabs[0].reload()
        self.data_ready.emit()
        QTimer.singleShot(0, self._load_other_tabs)

    def _load_other_tabs(self) -> None:
        for tab in self.tabs[1:]:
            tab.reload()

    def close_database(self) -> None:
        if self.database is not None:
            self.database.close()
            self.database = None

    # -- menus ---------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = self._action(file_menu, "&Import study pack…", self._on_import,
                                          QKeySequence("Ctrl+I"))  # fmt: skip
        self.safety = SafetyActions(self)  # backups, restore, check, read-only mode
        self.safety.add_file_actions(file_menu)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo

        view_menu = self.menuBar().addMenu("&View")
        for index, title in enumerate(TAB_TITLES):
            self._action(view_menu, title, lambda i=index: self._go_to_tab(i),
                         QKeySequence(f"Ctrl+{index + 1}"))  # fmt: skip

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "About &dates on the timeline", self._on_about_dates)
        self.safety.add_help_actions(help_menu)
        self._action(help_menu, f"&About {APP_NAME}", self._on_about)

    def _action(self, menu, text, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _go_to_tab(self, index: int) -> None:
        if self.tabs:
            self._tab_widget.setCurrentIndex(index)

    # -- slots ---------------------------------------------------------------------------------

    def _show_status(self, sentence: str) -> None:
        self.statusBar().showMessage(sentence, 6000)

    def _on_undo_index_changed(self, index: int) -> None:
        """Say what just happened: an edit saved, undone or redone."""
        if index < self._undo_index:
            sentence = f"Undone: {self.undo_stack.text(index)}"
        elif self.undo_stack.canUndo():
            sentence = f"Saved: {self.undo_stack.undoText()}"
        else:
            sentence = ""
        self._undo_index = index
        if sentence:
            self.statusBar().showMessage(sentence, 4000)

    def _on_import(self) -> None:
        if self.database is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import a study pack", str(Path.home()), "Study packs (*.json *.zip)"
        )
        if path:
            self.import_pack(Path(path))

    def import_pack(self, path: Path) -> None:
        from studyapp.packs.loader import PackError

        try:
            report = self.database.import_pack(path)  # a backup first; takes turns with the CLI
        except PackError as error:
            log.warning("Import refused: %s", error)
            QMessageBox.warning(self, "This pack cannot be imported", str(error))
            return
        self.undo_stack.clear()  # an import is not undoable; older commands may not apply
        self._undo_index = 0
        for tab in self.tabs:
            tab.reload()
        self._show_status(report.summary())

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>Offline revision for history students: a "
            "timeline, phase notes, war-victory factors and an argument builder.</p>"
            f"<p>Your notes are kept in <code>{self.paths.database}</code>.</p>",
        )

    def _on_about_dates(self) -> None:
        QMessageBox.information(
            self,
            "About dates",
            "Each date is shown as your notes give it (for example 1932–33). The detail pane "
            "shows how precise it really is: a day, a month, a season, a year, a range or a set "
            "of dates. Dates are New Style; Russian Old Style dates before February 1918 are "
            "shown beside them. Where the notes differ from the standard record, a 'Check' "
            "note gives the record.",
        )

    # -- window state --------------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings(str(self.paths.config / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        geometry = self._settings().value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 780)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.paths.config.mkdir(parents=True, exist_ok=True)
        self._settings().setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
