"""Draw a whole timeline scene into an SVG, a PNG or a PDF of landscape pages.

The scene is rendered, never the view: every year and every lane is in the file, not only what
was on screen. Scene x is in days and y in pixels (see `studyapp.ui.timeline.scene`), so a
`Drawing` says how many pixels a day gets. Each output carries a heading (the topic and its
years) and the legend below the lanes; each PDF page is a slice of years with the axis repeated
(the scene paints its axis at the top of whatever slice is rendered). Files are written through
`studyapp.export.files.atomic_path`, so a failed export leaves no half-written file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from studyapp.domain.errors import StudentError
from studyapp.export.files import atomic_path

HEADING = 34.0
MAX_PNG_SIDE = 30_000  # QImage's practical limit; beyond it PNG viewers struggle too
PDF_DPI = 96  # one PDF "pixel" is one screen pixel, so the page shows what the screen would


@dataclass(frozen=True)
class Drawing:
    """What to draw: the scene, its zoom, a heading, and a legend painter for the footer."""

    scene: object  # a QGraphicsScene with sceneRect() and render()
    px_per_day: float
    heading: str
    legend: Callable[[QPainter, QRectF], float]  # paints into the rect, returns height used
    legend_height: float

    @property
    def source(self) -> QRectF:
        return self.scene.sceneRect()  # type: ignore[attr-defined]

    def size(self) -> QSizeF:
        source = self.source
        return QSizeF(source.width() * self.px_per_day,
                      HEADING + source.height() + self.legend_height)  # fmt: skip


def write_svg(drawing: Drawing, target: Path) -> None:
    from PySide6.QtSvg import QSvgGenerator

    size = drawing.size()
    with atomic_path(target) as temporary:
        generator = QSvgGenerator()
        generator.setFileName(str(temporary))
        generator.setSize(size.toSize())
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(drawing.heading)
        generator.setDescription("A timeline exported from StudyApp")
        painter = QPainter(generator)
        _paint_whole(painter, drawing, size)
        painter.end()


def write_png(drawing: Drawing, target: Path) -> None:
    size = drawing.size()
    if max(size.width(), size.height()) > MAX_PNG_SIDE:
        raise StudentError(
            "The timeline is too large for one picture; export it as PDF or SVG instead."
        )
    image = QImage(QSize(math.ceil(size.width()), math.ceil(size.height())),
                   QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    _paint_whole(painter, drawing, size)
    painter.end()
    with atomic_path(target) as temporary:
        writer = QImageWriter(str(temporary), QByteArray(b"png"))  # the name ends in .part
        if not writer.write(image):
            raise StudentError(f"StudyApp could not write the picture {target.name}.")


def _paint_whole(painter: QPainter, drawing: Drawing, size: QSizeF) -> None:
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
    _paint_heading(painter, drawing.heading, QRectF(0, 0, size.width(), HEADING))
    source = drawing.source
    target = QRectF(0, HEADING, size.width(), source.height())
    drawing.scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)  # type: ignore[attr-defined]
    legend = QRectF(0, HEADING + source.height(), size.width(), drawing.legend_height)
    drawing.legend(painter, legend)


def _paint_heading(painter: QPainter, text: str, rect: QRectF) -> None:
    font = QFont()
    font.setPointSizeF(12)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#1d1d1f"))
    painter.drawText(rect.adjusted(10, 0, -10, 0), Qt.AlignmentFlag.AlignVCenter, text)


def write_pdf(drawing: Drawing, target: Path) -> int:
    """As many A4 landscape pages as the years need; returns the number of pages."""
    with atomic_path(target) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(PDF_DPI)
        writer.setTitle(drawing.heading)
        writer.setCreator("StudyApp")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Landscape,
                                         QMarginsF(12, 12, 12, 12)))  # fmt: skip
        page = QRectF(writer.pageLayout().paintRectPixels(PDF_DPI))
        page.moveTo(0, 0)
        painter = QPainter(writer)
        pages = _paint_pages(painter, writer, drawing, page)
        painter.end()
    return pages


def _paint_pages(painter: QPainter, writer: QPdfWriter, drawing: Drawing, page: QRectF) -> int:
    source = drawing.source
    room = page.height() - HEADING - drawing.legend_height
    shrink = min(1.0, room / source.height())  # a very tall timeline is made smaller to fit
    days_per_page = page.width() / (drawing.px_per_day * shrink)
    slices = _slices(source.left(), source.right(), days_per_page)
    for number, (left, right) in enumerate(slices, start=1):
        if number > 1:
            writer.newPage()
        heading = f"{drawing.heading} — page {number} of {len(slices)}"
        _paint_heading(painter, heading, QRectF(0, 0, page.width(), HEADING))
        part = QRectF(left, source.top(), right - left, source.height())
        width = (right - left) * drawing.px_per_day * shrink
        target = QRectF(0, HEADING, width, source.height() * shrink)
        drawing.scene.render(painter, target, part, Qt.AspectRatioMode.IgnoreAspectRatio)  # type: ignore[attr-defined]
        legend = QRectF(0, HEADING + target.height(), page.width(), drawing.legend_height)
        drawing.legend(painter, legend)
    return len(slices)


def _slices(left: float, right: float, width: float) -> Sequence[tuple[float, float]]:
    count = max(1, math.ceil((right - left) / width - 1e-9))
    return [(left + i * width, min(right, left + (i + 1) * width)) for i in range(count)]
