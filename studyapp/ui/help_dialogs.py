"""The Help menu's windows: the welcome (shown once on a first run, reopened from Help), the
keyboard shortcuts (read from the window's own actions, so the list cannot fall out of date),
About, and Open data folder.

`add_help_actions` runs before the first paint, so this module imports only what that needs;
each dialog loads its widgets when it is opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from math import ceil
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from studyapp import APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog, QMenu, QMenuBar, QWidget

    from studyapp.paths import AppPaths
    from studyapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)

WELCOME_SHOWN = "help/welcome_shown"

# What each tab is for, in a student's words; a test keeps one for every tab in `TABS`.
TAB_PURPOSES = {
    "TimelineTab": "every event of the topic on one line, with filters, dates as precise as "
                   "they are known, and the list beside it for reading them one by one.",
    "NotesTab": "the phase notes, section by section: mark what you have learnt, annotate, "
                "and rate how secure each section is.",
    "FactorsTab": "the factors behind the war victory: rank them, rate them and justify each "
                  "ranking, then compare two side by side.",
    "ArgumentsTab": "for an essay question, the points for and against with their evidence, "
                    "a judgement, and a plan you can export.",
    "ReviewTab": "flash cards scheduled for you, a chronology challenge, and your progress.",
}


def add_help_actions(window: MainWindow, menu: QMenu) -> None:
    """Help ▸ Welcome, Keyboard shortcuts, Open data folder, About dates (then the safety
    actions, added by their owner, and `add_about_action` last)."""
    window.add_action(menu, "&Welcome to StudyApp", lambda: open_welcome(window))
    window.add_action(menu, "&Keyboard shortcuts", lambda: open_shortcuts(window), "Ctrl+/")
    window.add_action(menu, "Open &data folder", lambda: open_data_folder(window))
    window.add_action(menu, "About &dates on the timeline", lambda: open_about_dates(window))


def add_about_action(window: MainWindow, menu: QMenu) -> None:
    window.add_action(menu, f"&About {APP_NAME}", lambda: open_about(window))


# -- keyboard shortcuts ----------------------------------------------------------------------


def shortcut_groups(window: MainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group, [(what, keys)])]: one group per menu (submenus in their own), then one per tab
    for the keys that work inside it — all read from the QActions and QShortcuts themselves."""
    from PySide6.QtGui import QShortcut
    from PySide6.QtWidgets import QWidget

    from studyapp.ui.tabs import TABS
    from studyapp.ui.widgets.keys import declared_keys

    groups = _menu_groups(window.menuBar())
    for spec, tab in zip(TABS, window.tabs[:], strict=False):  # builds any tab not yet shown
        rows = [_row(action.text(), action.shortcuts()) for action in tab.findChildren(QAction)
                if action.shortcuts() and action.text()]  # fmt: skip
        rows += [_row(shortcut.whatsThis(), [shortcut.key()]) for shortcut in
                 tab.findChildren(QShortcut) if shortcut.whatsThis()]  # fmt: skip
        rows += declared_keys([tab, *tab.findChildren(QWidget)])  # keys widgets handle themselves
        if rows:
            groups.append((f"In the {spec.plain_title} tab", _unique(rows)))
    return groups


def _menu_groups(bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    from PySide6.QtWidgets import QMenu

    groups: list[tuple[str, list[tuple[str, str]]]] = []

    def walk(title: str, actions: list[QAction]) -> None:
        rows: list[tuple[str, str]] = []
        submenus: list[tuple[str, QMenu]] = []
        for action in actions:
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                submenus.append((f"{title} ▸ {_plain(action.text())}", submenu))
            elif not action.isSeparator() and action.text():
                rows.append(_row(action.text(), action.shortcuts()))
        if rows:
            groups.append((title, rows))
        for sub_title, submenu in submenus:  # after the menu that holds them
            walk(sub_title, submenu.actions())

    for top in bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(_plain(top.text()), menu.actions())
    return groups


def _row(text: str, keys: list[QKeySequence]) -> tuple[str, str]:
    shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
    return _plain(text), shown or "—"


def _plain(text: str) -> str:
    """An action's text as a sentence: no & mnemonic, no "\\tKey" hint, no trailing dots."""
    return text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&") \
        .rstrip(".…").strip()  # fmt: skip


def _unique(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(rows))


def open_shortcuts(window: MainWindow) -> QDialog:
    from PySide6.QtWidgets import (
        QDialog,
        QDialogButtonBox,
        QLabel,
        QTreeWidget,
        QTreeWidgetItem,
        QVBoxLayout,
    )

    dialog = QDialog(window)
    dialog.setWindowTitle("Keyboard shortcuts")
    tree = QTreeWidget(dialog)
    tree.setObjectName("shortcuts")
    tree.setColumnCount(2)
    tree.setHeaderLabels(["Action", "Keys"])
    tree.setAccessibleName("Keyboard shortcuts")
    tree.setAccessibleDescription("Every action, grouped by menu and by tab, with its keys.")
    tree.setAlternatingRowColors(True)
    for group, rows in shortcut_groups(window):
        parent = QTreeWidgetItem(tree, [group])
        parent.setFirstColumnSpanned(True)
        for what, keys in rows:
            QTreeWidgetItem(parent, [what, keys])
    tree.expandAll()
    tree.resizeColumnToContents(0)
    hint = QLabel("Tab and Shift+Tab move between controls; Alt with an underlined letter "
                  "opens a menu or presses a button.", dialog)  # fmt: skip
    hint.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(tree, 1)
    layout.addWidget(hint)
    layout.addWidget(buttons)
    dialog.resize(560, 560)
    dialog.open()
    tree.setFocus()
    return dialog


# -- welcome ---------------------------------------------------------------------------------


def welcome_html(paths: AppPaths) -> str:
    from studyapp.ui.tabs import TABS

    tabs = "".join(f"<li><b>{spec.plain_title}</b>: {TAB_PURPOSES[spec.class_name]}</li>"
                   for spec in TABS)  # fmt: skip
    return (
        f"<h2>Welcome to {APP_NAME}</h2>"
        "<p>Your revision notes, on this computer only — no account, no internet.</p>"
        f"<ul>{tabs}</ul>"
        f"<p><b>Where your notes live:</b> one file, <code>{paths.database}</code>. "
        "Help ▸ Open data folder shows it.</p>"
        "<p><b>Backups:</b> StudyApp copies your notes into "
        f"<code>{paths.backups}</code> every 30 minutes while you work, when you close it and "
        "before every import; File ▸ Back up now makes one at once, and File ▸ Restore from "
        "backup… brings one back.</p>"
        "<p>Help ▸ Keyboard shortcuts lists every key; Help ▸ Welcome shows this again.</p>"
    )


def maybe_welcome(window: MainWindow, settings: Callable[[], QSettings],
                  first_run: bool) -> QDialog | None:  # fmt: skip
    """On a first run, once: the welcome."""
    if not first_run or settings().value(WELCOME_SHOWN) is not None:
        return None
    window.paths.config.mkdir(parents=True, exist_ok=True)
    settings().setValue(WELCOME_SHOWN, True)
    return open_welcome(window)


def open_welcome(window: MainWindow) -> QDialog:
    return _text_dialog(window, f"Welcome to {APP_NAME}", welcome_html(window.paths), "welcome")


def _text_dialog(parent: QWidget, title: str, html: str, name: str,
                 size: tuple[int, int] = (620, 440)) -> QDialog:  # fmt: skip
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setObjectName(name)
    text = QTextBrowser(dialog)
    text.setHtml(html)
    text.setOpenLinks(False)
    text.setAccessibleName(title)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text, 1)
    layout.addWidget(buttons)
    dialog.resize(*size)
    # As tall as the text needs, up to `size`: a short text leaves no empty band under it.
    layout.activate()
    document = text.document()
    document.setTextWidth(text.viewport().width())
    spare = text.viewport().height() - ceil(document.size().height())
    if spare > 0:
        dialog.resize(size[0], size[1] - spare)
    dialog.open()
    buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
    return dialog


# -- about and the data folder ---------------------------------------------------------------


def licence() -> str:
    """The licence the package declares (pyproject's `license`), from its installed metadata."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("studyapp")
    except PackageNotFoundError:
        log.warning("StudyApp's package metadata is missing; cannot name its licence")
        return "see the licence file that came with StudyApp"
    declared = (meta.get_all("License-Expression") or []) + (meta.get_all("License") or [])
    return declared[0] if declared else "see the licence file that came with StudyApp"


def about_html(paths: AppPaths) -> str:
    return (
        f"<h3>{APP_NAME} {__version__}</h3><p>Offline revision for history students: a "
        "timeline, phase notes, ranked factors, an argument builder and review cards.</p>"
        f"<p>Your notes are kept in <code>{paths.data}</code>.</p>"
        f"<p>Licence: {licence()}.</p>"
    )


def open_about_dates(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    from studyapp.ui.help_texts import ABOUT_DATES

    QMessageBox.information(window, "About dates", ABOUT_DATES)


def open_about(window: MainWindow) -> QDialog:
    return _text_dialog(window, f"About {APP_NAME}", about_html(window.paths), "about",
                        (520, 260))


def open_data_folder(window: MainWindow) -> bool:
    """Show the data folder in the system's file manager; say so when it cannot."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    folder = window.paths.data
    if folder.is_dir() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    log.warning("Could not open the data folder %s", folder)
    window.bus.say(f"StudyApp could not open the data folder; it is {folder}.")
    return False
