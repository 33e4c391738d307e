"""The main window: assembles the tabs (from the registry in `ui/tabs.py`), the menus and the
status bar — nothing more.

It paints first, then opens the database on the next turn of the event loop (`ui/loader.py`):
the first tab shows its rows as soon as they are read, before the ORM has loaded; the other
tabs are built when first shown (`ui/tab_host.py`). It owns the change bus:
sentences on the bus go to the status bar, and `open_item` requests go to the tab that shows
that kind of item.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QWidget

from studyapp import APP_NAME
from studyapp.paths import AppPaths
from studyapp.ui import window_state
from studyapp.ui.bus import ChangeBus
from studyapp.ui.context import TabContext
from studyapp.ui.safety import SafetyActions
from studyapp.ui.tab_host import TabHost
from studyapp.ui.tabs import tab_for
from studyapp.ui.theme.menu import TabBook, install_theme

if TYPE_CHECKING:  # (and Qt types loaded after the first paint: each costs 1–3 ms)
    from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent

    from studyapp.db.database import Database
    from studyapp.db.first_screen import FirstScreen, PendingSessionFactory
    from studyapp.db.services import SessionFactory
    from studyapp.db.services.topic import TopicRow
    from studyapp.domain.changes import Kind
    from studyapp.ui.message_log import MessageLog
    from studyapp.ui.navigation import Navigator
    from studyapp.ui.search.view import SearchBox
    from studyapp.ui.topics.actions import TopicActions

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    first_painted = Signal()
    data_ready = Signal()  # the first tab shows its rows
    edits_ready = Signal()  # the ORM is open too: every read and edit runs at once
    open_failed = Signal(str)
    open_damaged = Signal(object)  # DatabaseDamagedError: see studyapp.ui.safety

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.database: Database | None = None
        self._tab_widget = TabBook(self)  # each tab with its icon
        self._tab_widget.setDocumentMode(True)
        self._tab_widget.setAccessibleName("Tabs")
        self.tabs = TabHost(self._tab_widget, lambda tab: window_state.restore_tab(self, tab))
        self._pending: PendingSessionFactory | None = None  # see _on_first_screen
        self.export_menu: QMenu | None = None  # File ▸ Export, filled by ui/export_menu.py
        self.context: TabContext | None = None  # the shown topic's, once the notes are open
        self.topics: TopicActions  # these three are made once the first screen shows
        self.search_box: SearchBox
        self.navigator: Navigator
        self.message_log: MessageLog  # the status bar's history (ui/message_log.py)
        self.import_action: QAction  # these four once the rows show: window_menus.fill_menus
        self.undo_action: QAction
        self.redo_action: QAction
        self._quit_separator: QAction
        self.first_run = False  # whether this run created the notes (then: the welcome)
        self.undo_stack = QUndoStack(self)
        self.bus = ChangeBus(self)
        self._painted = False
        self._shortcuts: list[Callable[[], None]] | None = []  # None once set: _set_shortcut
        self.setWindowTitle(APP_NAME)
        self.theme = install_theme(self, self._settings)  # before anything paints
        self.setMinimumSize(900, 600)
        self._loading: QLabel | None = QLabel("Opening your notes…", self)
        self._loading.setMargin(24)
        self.setCentralWidget(self._loading)
        self._build_menus()
        self.statusBar()  # made now, so the window does not change height when the notes show
        self.bus.message.connect(self._show_status)
        self.bus.open_requested.connect(self._on_open_requested)
        window_state.restore_geometry(self, self._settings())

    # -- start-up ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
            QTimer.singleShot(0, self, self._open_database)  # dropped if the window goes first

    def _open_database(self) -> None:
        from studyapp.db.clean_mark import needs_quick_check
        from studyapp.ui.loader import DatabaseLoader
        from studyapp.ui.topics import remembered_pack_id

        self._pending = None
        self.first_run = not self.paths.database.exists()  # the welcome shows once the notes do
        long_open = not self.paths.database.is_file() or needs_quick_check(self.paths.database)
        settings = self._settings()
        first_tab_shown = window_state.last_tab_index(settings) in (None, 0)
        self._loader = DatabaseLoader(self.paths, remembered_pack_id(settings), self,
                                      first_screen=first_tab_shown)  # fmt: skip
        self._loader.first_screen.connect(self._on_first_screen)
        self._loader.opened.connect(self._on_database_opened)
        self._loader.stage.connect(self._show_stage)  # a first run, an upgrade, a check
        self._loader.failed.connect(self.open_failed)
        self._loader.damaged.connect(self.open_damaged)
        self._loader.start()
        if long_open:  # a first run, a check: the student waits a while, with the menus
            self._finish_menus()  # else once the first rows are painted, or the ORM is open
        elif not first_tab_shown:  # no rows before the ORM (a second or so): menus to open
            self._fill_menus()

    def _fill_menus(self) -> None:
        """The actions of the menus whose titles were painted first; once."""
        from studyapp.ui.window_menus import fill_menus

        if not hasattr(self, "import_action"):
            fill_menus(self)

    def _finish_menus(self) -> None:  # once (a recovery opens the database again)
        """The menus' actions and keyboard shortcuts, and the topics, exports, search…"""
        from studyapp.ui.window_menus import add_late_menus

        self._fill_menus()
        for set_shortcut in self._shortcuts or ():
            set_shortcut()
        self._shortcuts = None
        if not hasattr(self, "topics"):
            add_late_menus(self)

    def _show_stage(self, sentence: str) -> None:
        from studyapp.ui.progress import show_preparing

        show_preparing(self, sentence)

    def _on_first_screen(self, screen: FirstScreen) -> None:
        """Rows read before the ORM loaded: shown now; reads and edits wait for `opened`."""
        from studyapp.ui.operations import OperationRunner

        self._pending = self._loader.pending
        self._factory = cast("SessionFactory", self._pending)
        self.runner = OperationRunner(self._factory, self.undo_stack, self.bus)
        self._show(screen.topic, self._factory, screen)
        # After these rows' paint (asked for first): the menus and shortcuts (40–60 ms), and
        # the full open (importing SQLAlchemy, which begun earlier takes the GIL from the paint)
        QTimer.singleShot(0, self, lambda: self._after_first_screen(screen.topic))
        QTimer.singleShot(0, self, self._loader.screen_shown)

    def _after_first_screen(self, topic: TopicRow) -> None:
        self._finish_menus()
        self.topics.shown(topic)

    def _on_database_opened(self, database: Database, topic: TopicRow) -> None:
        from studyapp.ui.operations import OperationRunner
        from studyapp.ui.topics.controller import TopicsController

        self.database = database
        self._finish_menus()
        if self._pending is None:
            self._factory = database.session_factory
            self.runner = OperationRunner(self._factory, self.undo_stack, self.bus)
        controller = TopicsController(database.session_factory, self.runner,
                                      lambda reason: database.backup(reason).path)
        self.bus.changed.connect(self.topics.on_changed)
        wanted = self.topics.start(controller, topic)
        if self.context is not None and self.context.topic_id == wanted.id:
            self.search_box.attach(self.context)  # the first screen is already this topic's
            self.topics.refresh()  # and the switcher can list the topics now
        else:
            self.show_topic(wanted)
        self.edits_ready.emit()

    def show_topic(self, topic: TopicRow) -> None:
        """Show `topic` in every tab: at start-up, and when the student switches topic."""
        assert self.database is not None
        window_state.save_tabs(self)  # the topic being left: its selection and splitters
        self.search_box.attach(self._show(topic, self._factory))
        self.topics.shown(topic)

    def _show(self, topic: TopicRow, factory: SessionFactory,
              screen: FirstScreen | None = None) -> TabContext:  # fmt: skip
        self.context = context = TabContext(factory, topic.id, self.runner, self.bus)
        self.setWindowTitle(f"{topic.title} — {APP_NAME}")
        self.setCentralWidget(self._tab_widget)
        self.tabs.show(context, screen)
        self._loading = None
        window_state.restore_last_tab(self)  # built now if need be; selections as each is built
        self.data_ready.emit()
        self.statusBar().showMessage(f"{topic.exam} {topic.paper}: {topic.title}".strip(), 8000)
        return context

    def close_database(self, wait_for_loader: bool = True) -> None:
        """Close the database, the one the loader may still be opening or handing over too.
        `wait_for_loader=False` when the process ends right after: see `DatabaseLoader.abandon`."""
        loader = getattr(self, "_loader", None)
        opened = loader.abandon(wait_for_thread=wait_for_loader) if loader is not None else None
        for database in {id(d): d for d in (self.database, opened) if d is not None}.values():
            database.close()
        self.database = None

    # -- menus ---------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        """The menu bar as the first paint shows it: the menus' titles. What they hold comes
        once the notes' rows are painted (`_finish_menus`: `window_menus.fill_menus`)."""
        bar = self.menuBar()
        self._file_menu = bar.addMenu("&File")
        self._edit_menu = bar.addMenu("&Edit")  # + Periods… after paint
        self._view_menu = bar.addMenu("&View")
        self._help_menu = bar.addMenu("&Help")
        self.safety = SafetyActions(self)  # backups, restore, check, read-only mode

    def add_action(self, menu, text, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        """A menu action of the window's; its shortcut is set with the others (`_set_shortcut`)."""
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if shortcut is not None:
            self._set_shortcut(lambda: action.setShortcut(QKeySequence(shortcut)))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _set_shortcut(self, set_it: Callable[[], None]) -> None:
        """Now if the others are set, else with them (`_finish_menus`): the first shortcut makes
        PySide build the enums of Qt's whole namespace (~20 ms), which no paint waits for."""
        if self._shortcuts is None:
            return set_it()
        self._shortcuts.append(set_it)

    def go_to_tab(self, index: int) -> None:
        if self.tabs:
            self._tab_widget.setCurrentIndex(index)  # built on first show (ui/tab_host.py)

    def open_tab(self, name: str) -> QWidget:
        """Show the tab called `name` ("notes", or its title), building it if need be."""
        return self.tabs.open(name)

    def current_tab_index(self) -> int:
        return self._tab_widget.currentIndex()

    def open_item(self, kind: Kind, item_id: int) -> bool:
        """Show an item in the tab that holds it (links, chips, search results)."""
        index = tab_for(kind)
        if index is None or index >= len(self.tabs) or not self.tabs.tab(index).select(
                kind, item_id):  # fmt: skip
            self._show_status("That item no longer exists.")
            return False
        self.go_to_tab(index)
        return True

    def _on_open_requested(self, kind: str, item_id: int) -> None:
        from studyapp.domain.changes import Kind

        self.open_item(Kind(kind), item_id)

    # -- slots ---------------------------------------------------------------------------------

    def _show_status(self, sentence: str) -> None:
        self.statusBar().showMessage(sentence, 6000)

    def _on_import(self) -> None:
        from studyapp.ui.pack_import import choose_and_import_pack

        choose_and_import_pack(self)

    def import_pack(self, path: Path) -> None:
        """Import the study pack at `path` (a backup first; Cancel rolls it back)."""
        from studyapp.ui.pack_import import import_pack

        import_pack(self, path)

    # -- window state --------------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings(str(self.paths.config / "window.ini"), QSettings.Format.IniFormat)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.paths.config.mkdir(parents=True, exist_ok=True)
        window_state.save_window(self)
        super().closeEvent(event)
