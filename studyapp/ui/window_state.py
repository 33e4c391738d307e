"""What the window remembers between runs: its geometry, the last tab, and per topic the item
selected in each tab (event, section and note, factor, question and point) and the splitters'
positions.

Everything lives in the window's QSettings ini (`MainWindow._settings`). A saved value can be
garbage (a hand-edited or half-written ini) or point off every screen (a monitor unplugged):
each is checked as it is read, and anything unusable falls back to the default, so a bad ini
never costs the student a sane window. Reading the geometry is the only part that runs before
the first paint; the rest runs once the tabs hold their data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

from studyapp.domain.changes import Kind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from studyapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)

GEOMETRY = "geometry"
LAST_TAB = "tabs/last"  # the tab's class name, so reordering TABS cannot open the wrong one
DEFAULT_SIZE = (1200, 780)
MIN_VISIBLE = 120  # pixels of the title bar that must be on some screen to count as reachable

# What each tab has selected, as (kind, id) pairs its own `select(kind, id)` opens again, in
# order: the section before the note in it, the question before the point under it.
SELECTION: dict[str, Callable[[Any], list[tuple[Kind, int]]]] = {
    "TimelineTab": lambda tab: _ids(Kind.EVENT, tab.current_event()),
    "NotesTab": lambda tab: (_ids(Kind.NOTE_SECTION, tab.current_section())
                             + _ids(Kind.NOTE_ITEM, tab.current_item())),  # fmt: skip
    "FactorsTab": lambda tab: _ids(Kind.FACTOR, tab.current_factor()),
    "ArgumentsTab": lambda tab: (_ids(Kind.QUESTION, tab.current_question())
                                 + _ids(Kind.POINT, tab.selected_point())),  # fmt: skip
}


def _ids(kind: Kind, row: Any) -> list[tuple[Kind, int]]:
    return [(kind, row.id)] if row is not None else []


# -- geometry --------------------------------------------------------------------------------


def restore_geometry(window: QMainWindow, settings: QSettings) -> None:
    """The saved size and place, when they are usable; else the default size, centred."""
    saved = settings.value(GEOMETRY)
    restored = isinstance(saved, QByteArray) and not saved.isEmpty() and \
        window.restoreGeometry(saved)  # fmt: skip
    if restored and is_reachable(window.geometry()):
        return
    if saved is not None:
        log.warning("The saved window geometry is unusable; using the default size")
    window.resize(*DEFAULT_SIZE)
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(DEFAULT_SIZE[0], area.width()), min(DEFAULT_SIZE[1], area.height())
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
        frame = window.frameGeometry()
        frame.moveCenter(area.center())
        window.move(frame.topLeft())


def is_reachable(rect: QRect) -> bool:
    """Whether the top of `rect` (where the title bar is) shows on some screen, far enough to
    grab it, and the window is no larger than that screen."""
    top = QRect(rect.left(), rect.top(), rect.width(), 40)
    for screen in QGuiApplication.screens():
        area = screen.availableGeometry()
        shared = area.intersected(top)
        fits = rect.width() <= area.width() * 2 and rect.height() <= area.height() * 2
        if shared.width() >= min(MIN_VISIBLE, rect.width()) and shared.height() > 0 and fits:
            return True
    return False


def save_geometry(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue(GEOMETRY, window.saveGeometry())


# -- the last tab ----------------------------------------------------------------------------


def save_last_tab(settings: QSettings, class_name: str) -> None:
    settings.setValue(LAST_TAB, class_name)


def last_tab_index(settings: QSettings) -> int | None:
    """The index in `TABS` of the tab shown last, when it still exists."""
    from studyapp.ui.tabs import TABS

    saved = settings.value(LAST_TAB)
    return next((i for i, spec in enumerate(TABS) if spec.class_name == saved), None)


# -- selection and splitters, per topic ------------------------------------------------------


def _key(topic_id: int, tab: QWidget, what: str) -> str:
    return f"topic{topic_id}/{type(tab).__name__}/{what}"


def save_tab_state(settings: QSettings, topic_id: int, tab: QWidget) -> None:
    """Remember `tab`'s selected items and splitter positions for this topic."""
    getter = SELECTION.get(type(tab).__name__)
    if getter is not None:
        selection = getter(tab)
        settings.setValue(_key(topic_id, tab, "selection"),
                          [f"{kind.value}:{item_id}" for kind, item_id in selection])  # fmt: skip
    for index, splitter in enumerate(_splitters(tab)):
        settings.setValue(_key(topic_id, tab, f"splitter{index}"), splitter.saveState())


def restore_tab_state(settings: QSettings, topic_id: int, tab: QWidget) -> None:
    """Select again what was selected and put the splitters back; anything unreadable or gone
    (an item deleted since, a hand-edited ini) is skipped, leaving the tab as it opened."""
    for index, splitter in enumerate(_splitters(tab)):
        state = settings.value(_key(topic_id, tab, f"splitter{index}"))
        if isinstance(state, QByteArray) and not splitter.restoreState(state):
            log.warning("Ignored an unreadable splitter position for %s", type(tab).__name__)
    select = getattr(tab, "select", None)
    if select is None:
        return
    for kind, item_id in _parse_selection(settings.value(_key(topic_id, tab, "selection"))):
        select(kind, item_id)


def _parse_selection(saved: object) -> list[tuple[Kind, int]]:
    """[(kind, id)] from the saved strings; garbage is dropped, not trusted."""
    values = [saved] if isinstance(saved, str) else saved if isinstance(saved, list) else []
    pairs: list[tuple[Kind, int]] = []
    for value in values:
        kind, _sep, number = str(value).partition(":")
        try:
            pairs.append((Kind(kind), int(number)))
        except ValueError:
            log.warning("Ignored an unreadable remembered selection: %r", value)
    return pairs


def _splitters(tab: QWidget) -> list[QSplitter]:
    """The tab's own splitters, in the order they were made (stable between runs)."""
    return [s for s in tab.findChildren(QSplitter) if s.window() is tab.window()]


# -- the window's hooks ----------------------------------------------------------------------


def save_window(window: MainWindow) -> None:
    """On close: the geometry, and the shown topic's tab, selections and splitters."""
    settings = window._settings()
    save_geometry(window, settings)
    save_tabs(window, settings)


def save_tabs(window: MainWindow, settings: QSettings | None = None) -> None:
    """Before the tabs go (a topic switch, closing): which tab is shown, and each built tab's
    selection and splitters under the shown topic."""
    if window.context is None or not window.tabs:
        return
    from studyapp.ui.tabs import TABS

    settings = settings or window._settings()
    index = window.current_tab_index()
    if 0 <= index < len(TABS):
        save_last_tab(settings, TABS[index].class_name)
    for tab in window.tabs.built():  # a tab never built has nothing new to remember
        save_tab_state(settings, window.context.topic_id, tab)


def restore_last_tab(window: MainWindow) -> None:
    """Show the tab shown last (through the window's own tab selection, which builds it when
    it is not built yet)."""
    index = last_tab_index(window._settings())
    if index is not None:
        window.go_to_tab(index)


def restore_tab(window: MainWindow, tab: QWidget) -> None:
    """Once a tab holds its data (it is built when first shown): its selection and splitters
    for the shown topic."""
    if window.context is not None:
        restore_tab_state(window._settings(), window.context.topic_id, tab)
