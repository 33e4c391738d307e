"""The topic forms: a new topic, sharing one as a file, and the list to manage them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.operations.topics import TEMPLATES, TopicFields, is_made_here
from studyapp.db.services.topic import TopicSummary
from studyapp.domain.errors import StudentError
from studyapp.resources import BUNDLED_PACK
from studyapp.ui.widgets.form_dialog import FormDialog

BUNDLED_PACK_ID = Path(BUNDLED_PACK).stem  # the bundled pack's file is named after its id
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class NewTopicDialog(FormDialog):
    """Title, period, exam or course, the question its factors answer, and a starting shape for
    the notes."""

    def __init__(self, submit: Callable[[TopicFields, str], object],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("New topic", lambda: submit(self.fields(), self.template()), parent)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("For example: The origins of the First World War")
        self.period_edit = QLineEdit(self)
        self.period_edit.setPlaceholderText("For example: 1871–1914")
        self.exam_edit = QLineEdit(self)
        self.exam_edit.setPlaceholderText("For example: IB History Paper 2, or Year 12")
        self.question_edit = QLineEdit(self)
        self.question_edit.setPlaceholderText(
            "Optional. For example: What caused the First World War?")
        self.template_combo = QComboBox(self)
        self.template_combo.addItems(list(TEMPLATES))
        for edit, name in ((self.title_edit, "Title"), (self.period_edit, "Period covered"),
                           (self.exam_edit, "Exam or course"),
                           (self.question_edit, "Factors question"),
                           (self.template_combo, "Sections to start with")):  # fmt: skip
            edit.setAccessibleName(name)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Period covered:", self.period_edit)
        form.addRow("&Exam or course:", self.exam_edit)
        form.addRow("&Factors question:", self.question_edit)
        form.addRow("&Start the notes with:", self.template_combo)
        hint = QLabel("You can add events, notes, factors and questions in each tab afterwards.",
                      self)  # fmt: skip
        hint.setWordWrap(True)
        self.lay_out(form, hint)
        self.resize(520, self.sizeHint().height())

    def fields(self) -> TopicFields:
        return TopicFields(title=self.title_edit.text(), period_label=self.period_edit.text(),
                           exam=self.exam_edit.text(),
                           factors_question=self.question_edit.text())  # fmt: skip

    def template(self) -> str:
        return self.template_combo.currentText()


class ShareTopicDialog(FormDialog):
    """Where to save the topic's pack file, and whether the student's own work goes with it."""

    def __init__(self, title: str, suggested: Path,
                 submit: Callable[[Path, bool], object], parent: QWidget | None = None) -> None:
        super().__init__(f"Share '{title}'", self._submit_path, parent)
        self._on_submit = submit
        self.path_edit = QLineEdit(str(suggested), self)
        self.path_edit.setAccessibleName("File to save")
        browse = QPushButton("&Choose…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.with_my_work = QCheckBox("Include my &annotations, ticks, ratings and judgements",
                                      self)  # fmt: skip
        hint = QLabel("The file holds the topic's events, notes, quotes, factors, historians and "
                      "questions — yours included. Anyone can import it with File ▸ Import.",
                      self)  # fmt: skip
        hint.setWordWrap(True)
        label = QLabel("&Save as:", self)
        label.setBuddy(self.path_edit)
        form = QFormLayout()
        form.addRow(label, row)
        self.lay_out(form, self.with_my_work, hint)
        self.ok_button.setText("&Save")
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, "Share topic", self.path_edit.text(),
                                                    "Study packs (*.json)")  # fmt: skip
        if path:
            self.path_edit.setText(path)

    def _submit_path(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            raise StudentError("Choose where to save the file.")
        path = Path(text).expanduser()
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        self._on_submit(path, self.with_my_work.isChecked())


def source_words(pack_id: str) -> str:
    if pack_id == BUNDLED_PACK_ID:
        return "Comes with StudyApp"
    return "Made here" if is_made_here(pack_id) else "Imported"


class ManageTopicsDialog(QDialog):
    """Every topic with what is in it; rename, share or remove the selected one."""

    HEADERS = ("Topic", "Version", "Source", "Events", "Notes", "Points", "Last studied")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Manage topics")
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.setAccessibleName("Topics")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setWordWrap(False)
        self.rename_button = QPushButton("&Rename…", self)
        self.share_button = QPushButton("&Share as a file…", self)
        self.remove_button = QPushButton("Re&move…", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.rename_button, self.share_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(820, 360)

    def show_summaries(self, summaries: list[TopicSummary], last_studied: dict[str, str],
                       current_id: int | None) -> None:  # fmt: skip
        self.table.setRowCount(len(summaries))
        for row, summary in enumerate(summaries):
            topic = summary.topic
            cells = (topic.title, topic.version, source_words(topic.pack_id),
                     str(summary.events), str(summary.note_items), str(summary.points),
                     last_studied.get(topic.pack_id, "Not yet"))  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, topic.id)
                if column in (3, 4, 5):
                    item.setTextAlignment(NUMBER_ALIGNMENT)
                self.table.setItem(row, column, item)
            if topic.id == current_id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if self.table.currentRow() < 0 and summaries:
            self.table.selectRow(0)

    def chosen_id(self) -> int | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
