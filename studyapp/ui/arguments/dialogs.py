"""The forms of the argument builder: a point (claim, explanation, weight, counter-argument and
rebuttal), a question of the student's own, and a historian.

Each dialog is opened with `open()` (window-modal, not a nested event loop) and is handed a
`submit` callback. On OK the dialog calls it; a refusal (`StudentError`, from the operation's
validator — the rules are written once, there) is shown inside the dialog as one sentence and
the dialog stays open with the student's text, so nothing typed is lost and nothing half-valid
is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSizePolicy, QSpinBox, QWidget

from studyapp.domain.essay import COMMAND_TERMS
from studyapp.ui.widgets.form_dialog import FormDialog, text_box


@dataclass(frozen=True)
class PointDraft:
    """What the student typed into the point form."""

    claim: str
    explanation: str
    weight: int
    counter: str
    rebuttal: str = ""


class PointDialog(FormDialog):
    """Add or edit one point of an argument table."""

    def __init__(
        self,
        title: str,
        submit: Callable[[PointDraft], None],
        draft: PointDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, self._check_and_submit, parent)
        self._on_submit = submit
        self.claim = text_box(self, "Claim", 3, "One sentence that answers the question.")
        self.explanation = text_box(
            self, "Explanation", 5, "The evidence and reasoning behind the claim."
        )
        self.weight = QSpinBox(self)
        self.weight.setRange(1, 5)
        self.weight.setValue(3)
        self.weight.setSuffix(" of 5")
        self.weight.setAccessibleName("Weight")
        self.weight.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.counter = text_box(
            self, "Counter-argument", 3, "What would the other side say? (optional)"
        )
        self.rebuttal = text_box(self, "Rebuttal", 2, "Your answer to the counter-argument.")
        if draft is not None:
            self.claim.setPlainText(draft.claim)
            self.explanation.setPlainText(draft.explanation)
            self.weight.setValue(draft.weight)
            self.counter.setPlainText(draft.counter)
            self.rebuttal.setPlainText(draft.rebuttal)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Claim:", self.claim)
        form.addRow("&Explanation:", self.explanation)
        form.addRow("&Weight:", self.weight)
        form.addRow("C&ounter-argument:", self.counter)
        form.addRow("&Rebuttal:", self.rebuttal)
        self.lay_out(form)
        self.resize(560, self.sizeHint().height())

    def draft(self) -> PointDraft:
        return PointDraft(
            self.claim.toPlainText().strip(),
            self.explanation.toPlainText().strip(),
            self.weight.value(),
            self.counter.toPlainText().strip(),
            self.rebuttal.toPlainText().strip(),
        )

    def _check_and_submit(self) -> None:
        self._on_submit(self.draft())


class QuestionDialog(FormDialog):
    """The student's own essay question; the command term decides the table's two columns."""

    AUTO = "Work it out from the question"

    def __init__(self, submit: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__("New question", self._check_and_submit, parent)
        self._on_submit = submit
        self.text = text_box(
            self,
            "Question",
            4,
            "For example: Evaluate the reasons for the Nazi-Soviet Pact of 1939.",
        )
        self.command_term = QComboBox(self)
        self.command_term.setAccessibleName("Command term")
        self.command_term.addItems([self.AUTO, *COMMAND_TERMS])
        hint = QLabel(
            "“To what extent”, “How far” and “Evaluate” get For and Against; “Compare and "
            "contrast” gets Similarities and Differences; “Discuss”, “Examine” and “Why” get one "
            "row per factor. You can change it later.",
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Question:", self.text)
        form.addRow("Command &term:", self.command_term)
        self.lay_out(form, hint)
        self.resize(560, self.sizeHint().height())

    def _check_and_submit(self) -> None:
        text = self.text.toPlainText().strip()
        term = self.command_term.currentText()
        self._on_submit(text, "" if term == self.AUTO else term)


@dataclass(frozen=True)
class HistorianDraft:
    name: str
    work: str
    school: str
    stance: str


class HistorianDialog(FormDialog):
    """Add or edit a historian: name, work, school of thought and stance."""

    SCHOOLS = ("", "traditionalist", "revisionist", "post-revisionist")

    def __init__(self, title: str, submit: Callable[[HistorianDraft], None],
                 draft: HistorianDraft | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(title, lambda: submit(self.draft()), parent)
        self.name = text_box(self, "Name", 1, "For example: John Lewis Gaddis")
        self.work = text_box(self, "Work", 1, "The book or article, with its year")
        self.school = QComboBox(self)
        self.school.setAccessibleName("School of thought")
        self.school.addItems(["Not sure yet", *self.SCHOOLS[1:]])
        self.stance = text_box(self, "Stance", 4, "What they argue, in your words.")
        if draft is not None:
            self.name.setPlainText(draft.name)
            self.work.setPlainText(draft.work)
            self.school.setCurrentIndex(max(self.SCHOOLS.index(draft.school)
                                            if draft.school in self.SCHOOLS else 0, 0))
            self.stance.setPlainText(draft.stance)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name:", self.name)
        form.addRow("&Work:", self.work)
        form.addRow("&School:", self.school)
        form.addRow("S&tance:", self.stance)
        self.lay_out(form)
        self.resize(520, self.sizeHint().height())

    def draft(self) -> HistorianDraft:
        return HistorianDraft(self.name.toPlainText().strip(), self.work.toPlainText().strip(),
                              self.SCHOOLS[self.school.currentIndex()],
                              self.stance.toPlainText().strip())  # fmt: skip
