"""The review session's widgets: the card (prompt, then answer) with its buttons at a fixed
place, and the summary at the end. They only lay out and show; the tab decides."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.scheduling import Rating
from studyapp.ui.theme import set_role

RATING_WORDS = {
    Rating.AGAIN: ("Again", "I did not remember it"),
    Rating.HARD: ("Hard", "I remembered it with difficulty"),
    Rating.GOOD: ("Good", "I remembered it"),
    Rating.EASY: ("Easy", "I remembered it at once"),
}


def _text(parent: QWidget, role: str = "") -> QLabel:
    """Centred, wrapped plain text; `role` ("display", "lead") gives its size from the theme."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(label, role)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class CardView(QWidget):
    """One card: its question, its answer once revealed, and the answer buttons below."""

    reveal_requested = Signal()
    rating_chosen = Signal(int)  # a Rating value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QLabel(self)
        self.prompt = _text(self, "display")
        self.rule = QFrame(self)
        self.rule.setFrameShape(QFrame.Shape.HLine)
        self.answer = _text(self, "lead")
        self.reveal_button = QPushButton("Show answer  (Space)", self)
        self.rating_buttons = {
            rating: QPushButton(f"{int(rating)}  {word}", self)
            for rating, (word, _meaning) in RATING_WORDS.items()
        }
        self._buttons = QStackedWidget(self)  # one slot, so the buttons never move
        for hidden_until_revealed in (self.answer, self.rule):
            policy = hidden_until_revealed.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            hidden_until_revealed.setSizePolicy(policy)
        self._build()

    def _build(self) -> None:
        self.reveal_button.clicked.connect(self.reveal_requested)
        self.reveal_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        ratings = QWidget(self._buttons)
        row = QHBoxLayout(ratings)
        row.setContentsMargins(0, 0, 0, 0)
        for rating, button in self.rating_buttons.items():
            button.setToolTip(f"{RATING_WORDS[rating][1]} (key {int(rating)})")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(110)
            button.clicked.connect(lambda _=False, r=rating: self.rating_chosen.emit(int(r)))
            row.addWidget(button)
        reveal = QWidget(self._buttons)
        reveal_row = QHBoxLayout(reveal)
        reveal_row.setContentsMargins(0, 0, 0, 0)
        reveal_row.addStretch(1)
        reveal_row.addWidget(self.reveal_button)
        reveal_row.addStretch(1)
        self._buttons.addWidget(reveal)
        self._buttons.addWidget(ratings)
        self._buttons.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        card = QFrame(self)  # the question and answer on one card, as in a paper deck
        set_role(card, "card")
        card.setAccessibleName("Review card")
        card.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(card)  # the card shows the focus ring when the keys reach it
        card.setMaximumWidth(820)
        card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        inside = QVBoxLayout(card)
        inside.setContentsMargins(32, 28, 32, 28)
        inside.addWidget(self.prompt)
        inside.addSpacing(12)
        inside.addWidget(self.rule)
        inside.addSpacing(12)
        inside.addWidget(self.answer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(card, 10)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)
        layout.addWidget(self._buttons)

    def show_card(self, prompt: str, answer: str, revealed: bool, progress: str) -> None:
        self.progress.setText(progress)
        self.prompt.setText(prompt)
        self.answer.setText(answer)  # laid out even while hidden, so the question never moves
        self.answer.setVisible(revealed)
        self.rule.setVisible(revealed)
        self._buttons.setCurrentIndex(1 if revealed else 0)


class SummaryView(QWidget):
    """What the student has done: the end of a session, or nothing due at all."""

    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _text(self, "display")
        self.detail = _text(self)
        self.start_button = QPushButton("Review the cards due now", self)
        self.start_button.clicked.connect(self.start_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addSpacing(8)
        layout.addWidget(self.detail)
        layout.addSpacing(16)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_summary(self, counts: Counter[Rating], due_now: int, next_due: str) -> None:
        total = sum(counts.values())
        if total:
            self.heading.setText(f"Session finished: {total} answer{'s' if total != 1 else ''}")
            parts = [f"{RATING_WORDS[r][0]} {counts[r]}" for r in Rating if counts[r]]
            lines = [" · ".join(parts)]
        else:
            self.heading.setText("Nothing to review yet" if not due_now else "Ready to review")
            lines = []
        lines.append(
            f"{due_now} card{'s are' if due_now != 1 else ' is'} due now."
            if due_now else f"No cards are due now. {next_due}"
        )  # fmt: skip
        self.detail.setText("\n".join(lines))
        self.start_button.setVisible(due_now > 0)
