"""A folder that cannot be written to: the notes open read-only and say so, `check` and
`backup` (to a writable backups folder) still work, an import is refused with one sentence,
and the database is left exactly as it was."""

from __future__ import annotations

import ctypes
import os
import stat
import subprocess
import sys

import pytest

from studyapp.db.database import READ_ONLY_SENTENCE, open_database
from studyapp.ui.tabs import TABS

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="permission bits and prctl")

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def _as_an_ordinary_user() -> None:
    """In the child: root keeps its uid but loses the right to ignore permission bits, so a
    folder without write permission is read-only to it, as it is to a student."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl")


def _run(home, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDYAPP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "studyapp", *args], env=env, text=True,
                          capture_output=True, timeout=120, preexec_fn=_as_an_ordinary_user,
                          check=False)  # fmt: skip


@pytest.fixture
def read_only_folder(app_paths):
    open_database(app_paths).close()
    app_paths.database.chmod(0o444)
    app_paths.data.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    yield app_paths
    app_paths.data.chmod(0o755)
    app_paths.database.chmod(0o644)


def test_a_read_only_folder_opens_read_only_and_changes_nothing(read_only_folder, pack_file):
    paths = read_only_folder
    before = sorted(p.name for p in paths.data.iterdir())
    data = paths.database.read_bytes()

    shown = _run(paths.data, "--startup-report")
    assert shown.returncode == 0, shown.stderr
    assert "data_ready_ms=" in shown.stdout
    healthy = _run(paths.data, "check")
    assert healthy.returncode == 0 and "is healthy" in healthy.stdout
    refused = _run(paths.data, "import", str(pack_file(lambda p: p["pack"].update(
        version="2.0.0"))))  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr == f"studyapp: {paths.data} cannot be written to, so nothing was " \
                             "imported.\n"
    assert "Traceback" not in shown.stderr + refused.stderr
    assert paths.database.read_bytes() == data
    assert sorted(p.name for p in paths.data.iterdir()) == before


def test_the_window_says_it_is_read_only(qtbot, app_paths, monkeypatch):
    from studyapp.db import database as database_module
    from studyapp.ui.main_window import MainWindow

    open_database(app_paths).close()
    monkeypatch.setattr(database_module, "open_database",
                        lambda paths, **_kw: database_module._open_read_only(paths))  # fmt: skip
    win = MainWindow(app_paths)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.database is not None and len(win.tabs) == len(TABS),
                    timeout=15_000)  # fmt: skip
    try:
        assert win.database.read_only
        assert win.windowTitle().endswith("(read-only)")
        qtbot.waitUntil(lambda: win.statusBar().currentMessage() == READ_ONLY_SENTENCE)
        assert not win.safety.backup_action.isEnabled() and not win.safety.timer.isActive()
        assert win.tabs[0].model.rowCount() == 44
    finally:
        win.close_database()
