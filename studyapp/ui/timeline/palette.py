"""Colours and fonts of the visual timeline, from the theme's tokens.

Categories keep fixed colours from the tokens (colour-blind-safe, after Okabe and Ito) that
read on both papers; an imported TimelineJS group gets one from the same set, picked by a
hash of its name so it keeps its colour from one run to the next. Ink, paper, grid, axis and
selection come from the theme: `follow_theme()` sets these shared QColor objects in place, so
the scene, its items and the canvas — which import them by name — paint in the new theme
once redrawn.
Label sizes follow the student's text size (the application font).
"""

from __future__ import annotations

import zlib

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from studyapp.ui.theme import tokens

CATEGORY_COLOURS: dict[str, str] = tokens().timeline_categories
_SPARE = tokens().timeline_spare
INK = QColor()
MUTED_INK = QColor()
GRID = QColor()
SELECTION = QColor()
SELECTION_FILL = QColor()
PAPER = QColor()
LEGEND_PAPER = QColor()
AXIS_PAPER = QColor()
LABEL_SCALE, AXIS_SCALE = 1.05, 1.0  # of the application's text size
_FOLLOWED = [0]  # how many times the colours were set: pens made from them compare it


def follow_theme() -> None:
    """Set the shared colours to the theme on screen now."""
    _FOLLOWED[0] += 1
    theme = tokens()
    for colour, name in ((INK, "timeline_ink"), (MUTED_INK, "timeline_muted"),
                         (GRID, "timeline_grid"), (SELECTION, "timeline_selection"),
                         (PAPER, "timeline_paper"), (LEGEND_PAPER, "surface"),
                         (AXIS_PAPER, "timeline_axis")):  # fmt: skip
        colour.setRgba(QColor(theme.colour(name)).rgba())
    SELECTION_FILL.setRgba(SELECTION.rgba())
    SELECTION_FILL.setAlpha(48)


def theme_generation() -> int:
    """Changes whenever `follow_theme` sets the colours, so a pen made from them can be
    remade (items.py keeps its pens between frames)."""
    return _FOLLOWED[0]


def category_colour(category: str) -> QColor:
    known = CATEGORY_COLOURS.get(category)
    if known is not None:
        return QColor(known)
    return QColor(_SPARE[zlib.crc32(category.encode("utf-8")) % len(_SPARE)])


def band_tint(position: int) -> QColor:
    bands = tokens().timeline_bands
    return QColor(bands[position % len(bands)])


def timeline_font(scale: float = LABEL_SCALE) -> QFont:
    """A label font at `scale` times the student's text size."""
    font = QFont(QApplication.font())
    font.setPointSizeF(QApplication.font().pointSizeF() * scale)
    return font


follow_theme()
