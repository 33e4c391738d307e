"""The essay plan: built from the table, edited as text beside a live preview, then exported
(Markdown, HTML, PDF, Word), printed, or copied as Markdown. Edits here change the plan only,
never the table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import StudentError
from studyapp.domain.plan_text import to_html

FILTERS = {"md": "Markdown (*.md)", "html": "Web page (*.html)", "pdf": "PDF (*.pdf)",
           "docx": "Word document (*.docx)"}  # fmt: skip


class PlanDialog(QDialog):
    def __init__(self, markdown: str, export: Callable[[str, str, Path], Path],
                 say: Callable[[str], None], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._export, self._say = export, say
        self.setWindowTitle("Essay plan")
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Essay plan text")
        self.editor.setPlainText(markdown)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)  # a plan's text is the student's: never follow links
        self.preview.setAccessibleName("Essay plan preview")
        self.status = QLabel("Edit the plan on the left; the right side shows how it will look.",
                             self)  # fmt: skip
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton("&Export…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button = buttons.addButton("&Copy as Markdown",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.choose_export)
        self.print_button.clicked.connect(self.print_plan)
        self.copy_button.clicked.connect(self.copy_markdown)
        self.editor.textChanged.connect(self._update_preview)
        splitter = QSplitter(self)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(1000, 680)
        self._update_preview()

    def markdown(self) -> str:
        return self.editor.toPlainText()

    def _update_preview(self) -> None:
        self.preview.setHtml(to_html(self.markdown()))

    def copy_markdown(self) -> None:
        QApplication.clipboard().setText(self.markdown())
        self._say("Copied the essay plan as Markdown.")

    def export_to(self, path: Path) -> bool:
        """Write the edited plan; the format comes from the file's ending."""
        from studyapp.ui.progress import Cancelled, write_with_progress

        fmt, markdown = path.suffix.lstrip(".").lower(), self.markdown()
        try:  # behind a progress dialog with Cancel; Qt draws a PDF: the GUI thread only
            written = write_with_progress(self, "Exporting the essay plan…", path,
                                          lambda staging: self._export(markdown, fmt, staging),
                                          in_thread=fmt != "pdf")  # fmt: skip
        except Cancelled:
            self.status.setText(f"Export cancelled: {path.name} was not written.")
            return False
        except StudentError as refusal:
            self.status.setText(str(refusal))
            return False
        except OSError as error:
            self.status.setText(f"The plan could not be written to {path} ({error.strerror}).")
            return False
        self.status.setText(f"Exported the plan to {written}.")
        self._say(f"Exported the essay plan to {written.name}.")
        return True

    def choose_export(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(self, "Export essay plan", "essay-plan.docx",
                                                   ";;".join(FILTERS.values()))  # fmt: skip
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            fmt = next((f for f, label in FILTERS.items() if label == chosen), "md")
            path = path.with_suffix(f".{fmt}")
        self.export_to(path)

    def print_plan(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.preview.document().print_(printer)
            self._say("Sent the essay plan to the printer.")
