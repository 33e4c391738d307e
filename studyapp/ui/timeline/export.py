"""SVG, PNG and PDF exports of the whole timeline: build the scene off screen, then write it.

Used by File ▸ Export and by `studyapp export timeline --format svg|png|pdf`. The scene is the
same one the Timeline tab shows, laid out at a readable zoom (a year gets at least 110 pixels,
or more when the view at that size would still crowd the lanes) rather than at the zoom of the
window, so the file holds the whole timeline.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyapp.domain.errors import StudentError

if TYPE_CHECKING:
    from studyapp.db.services import SessionFactory

PX_PER_YEAR = 110.0


def export_timeline_image(session_factory: SessionFactory, fmt: str, output: Path,
                          topic_ref: str | None = None) -> int:  # fmt: skip
    """Write a topic's timeline as `fmt`; returns the number of pages (1 but PDF)."""
    from studyapp.db.services.timeline import list_events
    from studyapp.db.services.topic import find_topic, list_periods

    topic = find_topic(session_factory, topic_ref)
    events = list_events(session_factory, topic.id)
    periods = list_periods(session_factory, topic.id)
    app = _ensure_qt()  # kept referenced until the file is written
    heading = f"{topic.title} — timeline" if topic.title else "Timeline"
    pages = write_rows(events, periods, heading, fmt, output)
    del app
    return pages


def write_rows(events, periods, heading: str, fmt: str, output: Path) -> int:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetricsF, QPainter

    from studyapp.export import timeline_images
    from studyapp.ui.timeline.canvas import legend_rows, paint_legend
    from studyapp.ui.timeline.scene import TimelineScene

    scene = TimelineScene()
    scene.set_rows(events, periods)
    scale = PX_PER_YEAR / 365.25
    scene.apply_scale(scale)
    scene.fit_rect(scale)
    entries = scene.categories()

    def legend(painter: QPainter, area) -> float:  # type: ignore[no-untyped-def]
        return paint_legend(painter, entries, area)

    # Room for the legend as it flows across a PDF page (~1080 px); wider pictures need less.
    rows = legend_rows(entries, QFontMetricsF(scene.label_font), 1000.0)
    drawing = timeline_images.Drawing(scene, scale, heading, legend, len(rows) * 24.0 + 12)
    if fmt == "svg":
        timeline_images.write_svg(drawing, output)
        return 1
    if fmt == "png":
        timeline_images.write_png(drawing, output)
        return 1
    if fmt == "pdf":
        return timeline_images.write_pdf(drawing, output)
    raise StudentError(f"'{fmt}' is not a picture format StudyApp can write.")


def _ensure_qt() -> Any:
    """A QApplication for drawing; headless (offscreen) when run from a terminal with no screen."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    no_screen = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if no_screen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication([])
