"""Colours of the visual timeline: one per category, soft tints for the period bands.

The six built-in categories have fixed colours (colour-blind-safe, after Okabe and Ito); an
imported TimelineJS group gets one from the same set, picked by a hash of its name so it keeps
its colour from one run to the next.
"""

from __future__ import annotations

import zlib

from PySide6.QtGui import QColor

CATEGORY_COLOURS: dict[str, str] = {
    "ussr-diplomacy": "#c0392b",
    "germany": "#555555",
    "western-powers": "#0072b2",
    "league": "#009e73",
    "war": "#d55e00",
    "domestic": "#cc79a7",
    "other": "#8a7f3a",
}
_SPARE = ("#56b4e9", "#e69f00", "#7b5ea7", "#2a9d8f", "#b5651d", "#6b8e23", "#a0522d")
BAND_TINTS = ("#f3efe3", "#e8eef4", "#eef3e6", "#f4e9ee", "#ebe8f3", "#f2ece2", "#e5f0ef")
INK = QColor("#1d1d1f")
MUTED_INK = QColor("#5f5f66")
GRID = QColor(0, 0, 0, 28)
SELECTION = QColor("#1a73e8")
SELECTION_FILL = QColor(26, 115, 232, 40)  # behind a selected label
BACKGROUND = QColor("#ffffff")
LEGEND_BACKGROUND = QColor("#fafafa")
AXIS_BACKGROUND = QColor(255, 255, 255, 235)  # the sticky axis, over the bands it hides


def category_colour(category: str) -> QColor:
    known = CATEGORY_COLOURS.get(category)
    if known is not None:
        return QColor(known)
    return QColor(_SPARE[zlib.crc32(category.encode("utf-8")) % len(_SPARE)])


def band_tint(position: int) -> QColor:
    return QColor(BAND_TINTS[position % len(BAND_TINTS)])
