"""Backups, restore, the database check and recovery, as the window offers them.

File ▸ Back up now, File ▸ Restore from backup…, Help ▸ Check database; a backup every
30 minutes while there are changes and one on close; the recovery dialog for a damaged file
(newest verified backup, or a fresh start — the damaged file kept beside it); and read-only
mode after a full disk or an unwritable folder. The work itself is in `studyapp.db.backup`,
`studyapp.db.integrity` and `studyapp.db.database`; this module only asks and reports.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from studyapp.domain.changes import Changes

# Only what the window needs before its first paint is imported here: each Qt class costs
# a little to load the first time, and the dialogs are rarely opened.
if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QMenu, QWidget

    from studyapp.db.database import DatabaseDamagedError
    from studyapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)

BACKUP_INTERVAL_MS = 30 * 60 * 1000
LOCK_WAIT_S = 10.0


class SafetyActions(QObject):
    """The window's backup, restore and check actions, and its read-only state."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.read_only_reason = ""
        self.timer = QTimer(self)
        self.timer.setInterval(BACKUP_INTERVAL_MS)
        self.timer.timeout.connect(self.auto_backup)
        window.edits_ready.connect(self._on_database_open)  # data may show before it opens
        self.backup_action: QAction | None = None
        self.restore_action: QAction | None = None
        self.check_action: QAction | None = None

    def _on_database_open(self) -> None:
        database = self._window.database
        if database is not None and database.read_only_reason:
            self._show_read_only(database.read_only_reason)
            # After the window's own "topic opened" message, which would cover it.
            QTimer.singleShot(0, lambda: self._say(database.read_only_reason, 0))
            return
        self.timer.start()

    def add_file_actions(self, menu: QMenu) -> None:
        self.backup_action = menu.addAction("&Back up now", self.back_up_now)
        self.restore_action = menu.addAction("&Restore from backup…", self.choose_backup)

    def add_help_actions(self, menu: QMenu) -> None:
        self.check_action = menu.addAction("&Check database", self.check)

    # -- backups -------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from studyapp.db.backup import BackupError
        from studyapp.ui.progress import Cancelled, run_with_progress

        database = self._window.database
        if database is None:
            return
        try:  # Cancel before the copy is finished and checked leaves no backup file
            info = run_with_progress(self._window, "Backing up your notes…",
                                     lambda check: database.backup("manual", check=check))
        except Cancelled:
            self._say("Backup cancelled: no backup was made.")
            return
        except BackupError as error:
            log.warning("Back up now failed: %s", error)
            QMessageBox.warning(self._window, "No backup was made", str(error))
            return
        self._say(f"Backed up your notes to {info.path}.")

    def auto_backup(self) -> None:
        """Every 30 minutes: a backup when something changed since the last one."""
        self._backup_if_changed("auto")

    def backup_on_close(self) -> None:
        self.timer.stop()
        self._backup_if_changed("on-close")

    def _backup_if_changed(self, reason: str) -> None:
        from studyapp.db.backup import BackupError

        database = self._window.database
        if database is None or database.read_only:
            return
        try:
            info = database.backup_if_changed(reason)
        except BackupError as error:  # the student keeps working; the next turn tries again
            log.warning("Timed backup failed: %s", error)
            self._say(str(error))
            return
        if info is not None:
            log.info("%s backup: %s", reason, info.name)

    # -- restore -------------------------------------------------------------------------------

    def choose_backup(self) -> None:
        from PySide6.QtWidgets import QDialog

        from studyapp.db.backup import list_backups
        from studyapp.ui.restore_dialog import RestoreDialog

        if self._window.database is None:
            return
        dialog = RestoreDialog(list_backups(self._window.paths.backups), self._window)
        chosen = dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if chosen:
            self.restore(chosen)

    def restore(self, name: str) -> bool:
        """Restore backup `name` under the open window; the current file is backed up first."""
        from PySide6.QtWidgets import QMessageBox

        from studyapp.db.backup import BackupError, restore_backup
        from studyapp.db.locks import LockTimeoutError, write_lock

        database = self._window.database
        if database is None:
            return False
        try:
            with write_lock(database.path.parent, wait_s=LOCK_WAIT_S):
                database.engine.dispose()  # no connection of ours may straddle the swap
                report = restore_backup(database.path, database.backups_dir, name)
        except (BackupError, LockTimeoutError) as error:
            log.warning("Restore refused: %s", error)
            QMessageBox.warning(self._window, "The backup was not restored", str(error))
            return False
        database.engine.dispose()
        self._window.undo_stack.clear()  # the commands refer to rows as they were
        self._window.bus.notify(Changes.everything())  # every tab, the topic list, the index
        self._say(report.summary())
        return True

    # -- check ---------------------------------------------------------------------------------

    def check(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        sentence, healthy = self.check_sentence()
        if healthy:
            QMessageBox.information(self._window, "Check database", sentence)
        else:
            QMessageBox.warning(self._window, "Check database", sentence)

    def check_sentence(self) -> tuple[str, bool]:
        """Run the read-only check on the open file; (sentence, healthy)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from studyapp.db.integrity import NotADatabaseError, check_file

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = check_file(self._window.paths.database)
        except NotADatabaseError as error:
            return str(error), False
        finally:
            QApplication.restoreOverrideCursor()
        if not result.healthy:
            log.warning("Check database: %s", result.sentence())
        return result.sentence(), result.healthy

    # -- read-only -----------------------------------------------------------------------------

    def enter_read_only(self, sentence: str) -> None:
        """A write failed for lack of space or permission: keep the window, refuse writes."""
        database = self._window.database
        if database is None or self.read_only_reason:
            return
        database.make_read_only()
        log.error("Read-only from now on: %s", sentence)
        self._show_read_only(sentence)

    def _show_read_only(self, sentence: str) -> None:
        from PySide6.QtWidgets import QLabel

        self.read_only_reason = sentence
        self.timer.stop()
        for action in (self.backup_action, self.restore_action):
            if action is not None:
                action.setEnabled(False)
        label = QLabel("Read-only: changes are not being saved")
        label.setToolTip(sentence)
        self._window.statusBar().addPermanentWidget(label)
        title = self._window.windowTitle()
        if not title.endswith("(read-only)"):
            self._window.setWindowTitle(f"{title} (read-only)")

    def _say(self, sentence: str, timeout_ms: int = 8000) -> None:
        self._window.statusBar().showMessage(sentence, timeout_ms)


# -- a damaged file at start-up ----------------------------------------------------------------

RESTORE_CHOICE = "restore"
FRESH_CHOICE = "fresh"
QUIT_CHOICE = "quit"


def offer_recovery(window: MainWindow, error: DatabaseDamagedError, *, quiet: bool) -> None:
    """Say what is wrong in one sentence and offer the newest verified backup or a fresh
    start; the damaged file is only renamed aside once the student has chosen."""
    from PySide6.QtWidgets import QApplication

    log.error("Damaged database: %s", error)
    if quiet:  # --startup-report: nobody to ask
        print(f"studyapp: {error}", file=sys.stderr)
        QTimer.singleShot(0, lambda: QApplication.exit(1))
        return
    choice = ask_recovery(window, error)
    if choice == QUIT_CHOICE:
        QTimer.singleShot(0, lambda: QApplication.exit(1))
        return
    recover_and_reopen(window, error, choice)


def ask_recovery(window: QWidget, error: DatabaseDamagedError) -> str:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "Your notes file is damaged", str(error),
                      parent=window)  # fmt: skip
    buttons: dict[QAbstractButton, str] = {}
    if error.newest_backup is not None:
        when = f"{error.newest_backup.taken_at:%d %b %Y %H:%M}"
        buttons[box.addButton(f"Restore the backup from {when}",
                              QMessageBox.ButtonRole.AcceptRole)] = RESTORE_CHOICE  # fmt: skip
    buttons[box.addButton("Start afresh", QMessageBox.ButtonRole.DestructiveRole)] = FRESH_CHOICE
    buttons[box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)] = QUIT_CHOICE
    box.exec()
    return buttons.get(box.clickedButton(), QUIT_CHOICE)


def recover_and_reopen(window: MainWindow, error: DatabaseDamagedError, choice: str) -> None:
    from studyapp.db.backup import BackupError
    from studyapp.db.database import recover

    name = error.newest_backup.name if choice == RESTORE_CHOICE and error.newest_backup else None
    try:
        kept = recover(window.paths, name)
    except (BackupError, OSError) as failure:
        log.exception("Recovery failed")
        window.open_failed.emit(f"StudyApp could not recover your notes ({failure}); the "
                                "damaged file has not been deleted.")  # fmt: skip
        return
    log.info("Damaged file kept as %s; %s", kept, "restored " + name if name else "fresh start")
    window.statusBar().showMessage(f"The damaged file is kept as {kept}.", 15000)
    window._open_database()  # noqa: SLF001 - the window's own start-up path, run again
