"""Re-render a widget when the theme or the text size changes.

Qt tells every widget when the application palette or font changes; this turns those events
(several per switch) into one call of the widget's own re-render, after the new theme is fully
in place, and only when the theme or text size really changed — so a widget that sets its own
stylesheet while re-rendering cannot loop.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from studyapp.ui.theme.current import theme_name


@cache
def _events() -> frozenset[QEvent.Type]:
    """The events that may mean a new look (made on first use: enums cost at start-up)."""
    kind = QEvent.Type
    return frozenset({kind.PaletteChange, kind.ApplicationPaletteChange, kind.FontChange,
                      kind.ApplicationFontChange, kind.StyleChange})  # fmt: skip


def look_key() -> tuple[str, float]:
    """What a re-render depends on: the theme and the text size."""
    return theme_name(), QApplication.font().pointSizeF()


class _Restyler(QObject):
    def __init__(self, widget: QWidget, render: Callable[[], None]) -> None:
        super().__init__(widget)
        self._render = render
        self._key = look_key()
        self._pending = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _events() and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        self._pending = False
        key = look_key()
        if key != self._key:
            self._key = key
            self._render()


def on_restyle(widget: QWidget, render: Callable[[], None]) -> None:
    """Call `render()` once whenever the theme or text size changes while `widget` lives."""
    _Restyler(widget, render)
