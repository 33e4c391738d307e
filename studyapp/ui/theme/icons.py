"""The app's SVG icons (`resources/theme/icons/`), drawn in the current theme's colours.

Each icon is one outline on a 24-px grid, stroked in `currentColor`. The icon engine renders
it when Qt paints it, in the colour of the theme on screen then, so an icon set once follows
every later theme switch. Files are read the first time an icon is painted, never at start-up.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap

from studyapp.resources import resource_file
from studyapp.ui.theme.current import tokens

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

ICONS_FOLDER = "theme/icons"


@cache
def _svg(name: str) -> str:
    return resource_file(f"{ICONS_FOLDER}/{name}.svg").read_text("utf-8")


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer:
    from PySide6.QtSvg import QSvgRenderer  # when the first icon is painted, not before

    return QSvgRenderer(QByteArray(_svg(name).replace("currentColor", colour).encode("utf-8")))


class ThemedIconEngine(QIconEngine):
    def __init__(self, name: str, role: str) -> None:
        super().__init__()
        self._name = name
        self._role = role  # the colour token it is drawn in

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        theme = tokens()
        colour = theme.colour("border_strong" if mode == QIcon.Mode.Disabled else self._role)
        side = min(rect.width(), rect.height())
        square = QRectF(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2,
                        side, side)  # fmt: skip
        _renderer(self._name, colour).render(painter, square)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return ThemedIconEngine(self._name, self._role)


def icon(name: str, role: str = "text_muted") -> QIcon:
    """The icon `name` (a file in resources/theme/icons), drawn in the colour token `role`."""
    return QIcon(ThemedIconEngine(name, role))


def icon_names() -> list[str]:
    folder = resource_file(ICONS_FOLDER)
    return sorted(path.stem for path in folder.glob("*.svg"))
