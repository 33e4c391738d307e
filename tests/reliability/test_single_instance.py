"""One window per data folder: a second launch brings the first forward and exits 0; a window
killed with -9 leaves a stale lock and socket that the next launch recovers; a restore from
the command line refuses while a window has the folder open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from studyapp.db.backup import list_backups
from studyapp.ui.instance import LOCK_NAME, FolderLock
from tests.reliability.conftest import run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _launch(home, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "STUDYAPP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "studyapp", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def _wait_for(condition, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _log(app_paths) -> str:
    path = app_paths.logs / "studyapp.log"
    return path.read_text("utf-8") if path.exists() else ""


def test_two_launches_one_window_then_recovery_after_kill(app_paths, qapp):
    first = _launch(app_paths.data)
    try:
        # The window is up and its notes are open once the file has its journal beside it.
        _wait_for(lambda: (app_paths.data / LOCK_NAME).exists()
                  and (app_paths.data / "studyapp.db-wal").exists())  # fmt: skip
        assert not FolderLock(app_paths).try_lock()

        second = _launch(app_paths.data)
        assert second.wait(timeout=90) == 0  # generous: a loaded 2-core machine
        _wait_for(lambda: "A second launch asked this window to come forward" in _log(app_paths))
        assert first.poll() is None  # the first window is still open

        made = run_cli("backup", home=app_paths.data)  # a command-line writer takes its turn
        assert made.returncode == 0, made.stderr
        name = list_backups(app_paths.backups)[0].name
        refused = run_cli("backup", "--restore", name, home=app_paths.data)
        assert refused.returncode == 1
        assert refused.stderr.startswith("studyapp: StudyApp is open on ")
        assert refused.stderr.count("\n") == 1
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)

    # The killed window left its lock file (and, on Unix, its socket) behind.
    assert (app_paths.data / LOCK_NAME).exists()
    third = _launch(app_paths.data, "--startup-report")
    out, err = third.communicate(timeout=60)
    assert third.returncode == 0, err
    assert "data_ready_ms=" in out
    restored = run_cli("backup", "--restore", name, home=app_paths.data)
    assert restored.returncode == 0, restored.stderr
