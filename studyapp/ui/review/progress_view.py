"""Progress per period, painted with QPainter: how many cards are learnt, and how likely the
student is to recall the ones they have reviewed (FSRS retrievability), with the target recall
the scheduler aims for."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from studyapp.db.services.review import PeriodProgress
from studyapp.ui.theme import colour, on_restyle

BAR_HEIGHT = 14
LEARNT, RECALL, TRACK = "chart_learnt", "chart_recall", "chart_track"  # the theme's colours


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


class ProgressChart(QWidget):
    """One row per period: a 'learnt' bar and a 'predicted recall' bar, both out of 100%."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PeriodProgress] = []
        self.setAccessibleName("Progress by period")
        on_restyle(self, self.updateGeometry)  # rows grow with the text size

    def row_height(self) -> int:
        """Two lines of title beside two bars and a caption, at the current text size."""
        return max(58, 2 * BAR_HEIGHT + 14 + QFontMetrics(self.font()).height() * 2)

    def set_rows(self, rows: list[PeriodProgress]) -> None:
        self.rows = rows
        self.setAccessibleDescription("; ".join(self._caption(row) for row in rows))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(600, max(1, len(self.rows)) * self.row_height() + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, max(1, len(self.rows)) * self.row_height() + 8)

    @staticmethod
    def _caption(row: PeriodProgress) -> str:
        recall = "not reviewed yet" if row.retention is None else (
            f"predicted recall {_percent(row.retention)}")  # fmt: skip
        return f"{row.learnt} of {row.cards} learnt · {recall}"

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_width = min(max(160, self.width() // 3), 320)
        for index, row in enumerate(self.rows):
            self._paint_row(painter, row, 4 + index * self.row_height(), label_width)
        painter.end()

    def _paint_row(self, painter: QPainter, row: PeriodProgress, top: int, label: int) -> None:
        metrics = QFontMetrics(self.font())
        text = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        # Wrapped, not elided: period titles are long and the student needs all of them.
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(QRectF(0, top, label - 12, self.row_height() - 6), flags, row.title)
        bar_width = max(40, self.width() - label - 8)
        learnt = row.learnt / row.cards if row.cards else 0.0
        self._bar(painter, label, top + 4, bar_width, learnt, QColor(colour(LEARNT)))
        self._bar(painter, label, top + 6 + BAR_HEIGHT, bar_width, row.retention or 0.0,
                  QColor(colour(RECALL)))  # fmt: skip
        painter.setPen(text)
        caption = metrics.elidedText(self._caption(row), Qt.TextElideMode.ElideRight, bar_width)
        where = QRectF(label, top + 8 + 2 * BAR_HEIGHT, bar_width, metrics.height())
        painter.drawText(where, Qt.AlignmentFlag.AlignLeft, caption)

    @staticmethod
    def _bar(painter: QPainter, x: float, y: float, width: float, share: float,
             fill: QColor) -> None:  # fmt: skip
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour(TRACK)))
        painter.drawRoundedRect(QRectF(x, y, width, BAR_HEIGHT), 4, 4)
        if share > 0:
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x, y, max(6.0, width * share), BAR_HEIGHT), 4, 4)


def _key_text() -> str:
    return (f'<span style="color:{colour(LEARNT)}">■</span> cards learnt &nbsp;&nbsp; '
            f'<span style="color:{colour(RECALL)}">■</span> predicted recall today')  # fmt: skip


class ProgressView(QWidget):
    """The chart with its key, and the target recall the scheduler aims for."""

    retention_chosen = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = ProgressChart(self)
        self.empty = QLabel("Review some cards and your progress will show here.", self)
        key = QLabel(self)
        key.setText(_key_text())
        on_restyle(key, lambda: key.setText(_key_text()))
        self.retention = QSpinBox(self)
        self.retention.setRange(70, 97)
        self.retention.setSuffix("%")
        self.retention.setKeyboardTracking(False)
        self.retention.valueChanged.connect(lambda v: self.retention_chosen.emit(v / 100))
        target = QLabel("Target &recall when a card comes due:", self)
        target.setBuddy(self.retention)
        explain = QLabel("Higher means more reviews, spaced closer together.", self)
        explain.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(target)
        row.addWidget(self.retention)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(key)
        layout.addWidget(self.chart)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(explain)

    def show_progress(self, rows: list[PeriodProgress], retention: float) -> None:
        self.chart.set_rows(rows)
        self.empty.setVisible(not rows)
        self.show_retention(retention)

    def show_retention(self, retention: float) -> None:
        self.retention.blockSignals(True)  # showing the stored value is not a choice
        self.retention.setValue(round(retention * 100))
        self.retention.blockSignals(False)
