"""Keys a widget handles itself (in `keyPressEvent`) rather than through a QAction.

A widget class that handles keys declares them beside its handler as `KEYS`, a tuple of
`KeyHelp`, and Help ▸ Keyboard shortcuts lists them under the tab that shows the widget. Not
actions, on purpose: these keys act on the focused card, list or pane alone, and a widget's
own key handling needs no active window or shortcut map. A test checks that every
`keyPressEvent` in the UI has its `KEYS`, so the list cannot fall behind the handlers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from PySide6.QtWidgets import QWidget


class KeyHelp(NamedTuple):
    keys: str  # as a student reads them: "Alt+↑ / Alt+↓"
    does: str  # what they do, as a sentence without a full stop: "Move the card up or down"


def declared_keys(widgets: Iterable[QWidget]) -> list[tuple[str, str]]:
    """(what, keys) for the key-handling widget classes among `widgets`, each class once."""
    rows: list[tuple[str, str]] = []
    seen: set[type] = set()
    for widget in widgets:
        kind = type(widget)
        if kind in seen:
            continue
        seen.add(kind)
        rows += [(entry.does, entry.keys) for entry in getattr(kind, "KEYS", ())]
    return rows
