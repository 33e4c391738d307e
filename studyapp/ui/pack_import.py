"""File ▸ Import study pack: choose a file, import it with a backup first and a progress
dialog whose Cancel rolls the import back, then show what changed (and a new topic)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from studyapp.db.services.topic import list_topics
from studyapp.domain.changes import Changes
from studyapp.packs.loader import PackError
from studyapp.ui.progress import Cancelled, run_with_progress

if TYPE_CHECKING:
    from studyapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def choose_and_import_pack(window: MainWindow) -> None:
    if window.database is None:
        return
    path, _filter = QFileDialog.getOpenFileName(
        window, "Import a study pack", str(Path.home()), "Study packs (*.json *.zip)"
    )
    if path:
        import_pack(window, Path(path))


def import_pack(window: MainWindow, path: Path) -> None:
    if (database := window.database) is None:
        return
    try:  # a backup first; takes turns with the CLI; Cancel rolls the import back
        report = run_with_progress(window, f"Importing {path.name}…",
                                   lambda check: database.import_pack(path, check=check))
    except PackError as error:
        log.warning("Import refused: %s", error)
        QMessageBox.warning(window, "This pack cannot be imported", str(error))
        return
    except Cancelled:
        window.bus.say("Import cancelled: nothing was changed.")
        return
    window.undo_stack.clear()  # an import is not undoable; older commands may not apply
    window.bus.notify(Changes.everything())
    if report.added["topic"]:  # a new topic: show it, as the student just asked for it
        new = [t for t in list_topics(database.session_factory)
               if t.pack_id == report.pack_id]  # fmt: skip
        window.topics.switch_to(new[0].id)
    window.bus.say(report.summary())
