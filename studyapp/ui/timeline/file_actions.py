"""File-menu actions for the timeline: import a TimelineJS file, export the whole timeline.

The main window owns the File menu; it adds these actions with
`timeline_file_actions(window, lambda: window.context, back_up)`, where the getter returns the
current `TabContext` (None while the database is still opening, when the actions say so instead
of doing anything) and `back_up` takes a backup before an import, which cannot be undone.
A refusal is one sentence: in the status bar for an import, inside the dialog (which stays
open) for an export. Everything heavy is
imported when an action runs, not when the menu is built.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from studyapp.ui.widgets.form_dialog import FormDialog

if TYPE_CHECKING:
    from studyapp.db.timeline_import import TimelineImportReport
    from studyapp.ui.context import TabContext

ContextGetter = Callable[[], "TabContext | None"]
BackUp = Callable[[str], Path]  # takes a backup of the whole file for a reason; its path

# (format, what a student calls it, file-name pattern)
EXPORT_FORMATS: tuple[tuple[str, str, str], ...] = (
    ("pdf", "PDF, to print (landscape pages)", "*.pdf"),
    ("png", "Picture (PNG)", "*.png"),
    ("svg", "Picture that scales (SVG)", "*.svg"),
    ("csv", "Spreadsheet (CSV)", "*.csv"),
    ("ics", "Calendar (iCalendar, .ics)", "*.ics"),
    ("json", "TimelineJS file (JSON)", "*.json"),
)
DRAWN_FORMATS = frozenset({"pdf", "png", "svg"})  # drawn with Qt's painter
NOT_READY = "The timeline is still opening; try again in a moment."


def timeline_file_actions(parent: QWidget, context_getter: ContextGetter,
                          back_up: BackUp) -> list[QAction]:  # fmt: skip
    """'Import a TimelineJS file…' and 'Export the timeline…', for the File menu. `back_up`
    is called before an import, which cannot be undone."""
    import_action = QAction("Import a &TimelineJS file…", parent)
    import_action.setStatusTip("Add the events and eras of a TimelineJS JSON or CSV file")
    import_action.triggered.connect(lambda: _on_import(parent, context_getter, back_up))
    export_action = QAction("E&xport the timeline…", parent)
    export_action.setStatusTip("Save the whole timeline as a picture, PDF, spreadsheet or calendar")
    export_action.triggered.connect(lambda: _on_export(parent, context_getter))
    return [import_action, export_action]


def _on_import(parent: QWidget, context_getter: ContextGetter, back_up: BackUp) -> None:
    context = context_getter()
    if context is None:
        return
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Import a TimelineJS file", str(Path.home()), "TimelineJS files (*.json *.csv)"
    )
    if path:
        import_timeline_file(context, Path(path), back_up)


def import_timeline_file(context: TabContext, path: Path,
                         back_up: BackUp) -> TimelineImportReport | None:  # fmt: skip
    """Read and import the file into the current topic, after a backup (an import cannot be
    undone); a refusal, or a backup that failed, goes to the status bar and imports nothing."""
    from studyapp.db.backup import BackupError
    from studyapp.db.timeline_import import ImportTimeline
    from studyapp.domain.errors import StudentError
    from studyapp.packs.timelinejs import read_timeline_file

    try:
        timeline = read_timeline_file(path)
    except StudentError as refusal:
        context.bus.say(str(refusal))
        return None
    try:
        back_up("before-import")
    except BackupError as error:
        context.bus.say(f"Nothing was imported: {error}")
        return None
    outcome = context.operations.run(ImportTimeline(context.topic_id, timeline))
    if outcome is None:
        return None  # refused: the runner said why
    context.undo_stack.clear()  # an import is not undoable; older commands may not apply
    report: TimelineImportReport = outcome.value
    return report


def _on_export(parent: QWidget, context_getter: ContextGetter) -> None:
    context = context_getter()
    if context is None:
        return
    ExportTimelineDialog(context, parent).open()


class ExportTimelineDialog(FormDialog):
    """Choose a format and a file; OK writes the whole timeline of the current topic."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__("Export the timeline", self.export, parent)
        self._context = context
        self.format_combo = QComboBox(self)
        for fmt, words, _pattern in EXPORT_FORMATS:
            self.format_combo.addItem(words, fmt)
        self.format_combo.setAccessibleName("Format")
        self.path_edit = QLineEdit(str(Path.home() / "timeline.pdf"), self)
        self.path_edit.setAccessibleName("File")
        self.path_edit.setMinimumWidth(360)
        self.choose_button = QPushButton("&Choose…", self)
        self.format_combo.currentIndexChanged.connect(self._on_format_chosen)
        self.choose_button.clicked.connect(self._on_choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow("&Format:", self.format_combo)
        save_label = QLabel("&Save as:", self)
        save_label.setBuddy(self.path_edit)
        form.addRow(save_label, file_row)
        self.lay_out(form)
        self.ok_button.setText("&Export")

    def fmt(self) -> str:
        fmt: str = self.format_combo.currentData()
        return fmt

    def export(self) -> None:
        """Write the file (atomically, by the exporter); StudentError keeps the dialog open."""
        from studyapp.domain.errors import StudentError
        from studyapp.export.timeline import export_timeline
        from studyapp.ui.progress import Cancelled, write_with_progress

        text = self.path_edit.text().strip()
        if not text:
            raise StudentError("Choose the file to save the timeline in.")
        path = Path(text).expanduser()
        context, fmt, topic = self._context, self.fmt(), str(self._context.topic_id)
        try:  # behind a progress dialog with Cancel; the pictures are drawn by Qt: GUI thread
            write_with_progress(self, "Saving the timeline…", path,
                                lambda staging: export_timeline(context.session_factory, fmt,
                                                                staging, topic),
                                in_thread=fmt not in DRAWN_FORMATS)  # fmt: skip
        except Cancelled:
            context.bus.say(f"Export cancelled: {path.name} was not written.")
            return
        context.bus.say(f"Saved the timeline as {path.name}.")

    def _on_format_chosen(self, _index: int) -> None:
        """Keep the file name, change its ending to the format's."""
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(f".{self.fmt()}")))

    def _on_choose(self) -> None:
        pattern = next(p for fmt, _words, p in EXPORT_FORMATS if fmt == self.fmt())
        path, _filter = QFileDialog.getSaveFileName(
            self,
            "Export the timeline",
            self.path_edit.text(),
            f"{self.format_combo.currentText()} ({pattern})",
        )
        if path:
            self.path_edit.setText(path)
