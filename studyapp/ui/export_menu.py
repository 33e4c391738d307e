"""File ▸ Export (phase notes, factors, the essay plan) and File ▸ Print (the phase notes).

`add_export_actions(window, menu)` is the one call the main window makes; other exports add
their entries to `window.export_menu`. Nothing heavy is
imported until an action runs: the export writers, python-docx and the print dialog load on
first use, so the menus cost nothing at start-up.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

if TYPE_CHECKING:
    from studyapp.export.document import Document
    from studyapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)
FILTERS = {"md": "Markdown (*.md)", "pdf": "PDF (*.pdf)", "docx": "Word document (*.docx)"}
WHAT = {"notes": "phase notes", "factors": "factors answer plan"}


def add_export_actions(window: MainWindow, menu: QMenu) -> None:
    export_menu = menu.addMenu("&Export")
    window.export_menu = export_menu
    for what, text in (("notes", "&Phase notes…"), ("factors", "&Factors…")):
        action = QAction(text, window)
        action.triggered.connect(lambda _c=False, w=what: _on_export(window, w))
        export_menu.addAction(action)
    plan = QAction("Essay &plan…", window)
    plan.triggered.connect(lambda _c=False: _on_export_plan(window))
    export_menu.addAction(plan)
    deck = QAction("Review cards as an &Anki deck…", window)
    deck.triggered.connect(lambda _c=False: _in_tab(window, "ReviewTab", "export_deck"))
    export_menu.addAction(deck)
    print_action = QAction("&Print phase notes…", window)
    print_action.triggered.connect(lambda _c=False: _on_print(window))
    menu.addAction(print_action)


def _on_export_plan(window: MainWindow) -> None:
    """The Argument builder's plan for its question: shown there to edit, then exported."""
    _in_tab(window, "ArgumentsTab", "open_plan")


def _in_tab(window: MainWindow, class_name: str, method: str) -> None:
    """Go to the tab that owns an export and run it there (its own dialog and choices)."""
    from studyapp.ui.tabs import TABS

    index = next((i for i, spec in enumerate(TABS) if spec.class_name == class_name), None)
    if index is None or not window.tabs:
        return
    window.go_to_tab(index)
    getattr(window.tabs[index], method)()


def _document(window: MainWindow, what: str) -> Document | None:
    from studyapp.export.factors import factors_document
    from studyapp.export.notes import notes_document

    topic = window.topics.current
    if window.database is None or topic is None:
        return None
    factory = window.database.session_factory
    return (notes_document if what == "notes" else factors_document)(factory, topic.id)


def export_file(window: MainWindow, what: str, path: Path) -> bool:
    """Write the notes or factors to `path` (format from its suffix); say how it went."""
    from studyapp.export.document import write
    from studyapp.ui.progress import Cancelled, write_with_progress

    fmt = path.suffix.lower().lstrip(".")
    document = _document(window, what)
    if document is None or fmt not in FILTERS:
        window.bus.say(f"Choose a .md, .pdf or .docx file to export the {WHAT[what]}.")
        return False
    try:
        write_with_progress(window, f"Exporting the {WHAT[what]}…", path,
                            lambda staging: write(document, fmt, staging),
                            in_thread=fmt != "pdf")  # Qt draws the PDF: the GUI thread only
    except Cancelled:
        window.bus.say(f"Export cancelled: {path.name} was not written.")
        return False
    except OSError as error:
        log.warning("Export failed: %s", error)
        QMessageBox.warning(window, "Export failed",
                            f"StudyApp could not write {path} ({error.strerror or error}).")
        return False
    window.bus.say(f"Exported the {WHAT[what]} to {path.name}.")
    return True


def _on_export(window: MainWindow, what: str) -> None:
    name = "phase-notes.pdf" if what == "notes" else "factors-answer-plan.pdf"
    path, chosen = QFileDialog.getSaveFileName(
        window, f"Export the {WHAT[what]}", str(Path.home() / name), ";;".join(FILTERS.values())
    )
    if not path:
        return
    target = Path(path)
    if target.suffix.lower().lstrip(".") not in FILTERS:  # the filter names the format
        fmt = next(key for key, label in FILTERS.items() if label == chosen)
        target = target.with_suffix(f".{fmt}")
    export_file(window, what, target)


def _on_print(window: MainWindow) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from studyapp.export.document import html
    from studyapp.export.qt_pdf import text_document

    document = _document(window, "notes")
    if document is None:
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        text_document(html(document)).print_(printer)
        window.bus.say("Sent the phase notes to the printer.")
