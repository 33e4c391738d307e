"""An import that fails half-way leaves the database exactly as it was (one transaction)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from studyapp.db import pack_import
from studyapp.db.database import open_database
from tests.conftest import table_counts


def _add_events(count: int, version: str):
    """A change for `pack_file`: a newer version with `count` more events."""

    def change(pack: dict) -> None:
        pack["pack"]["version"] = version
        pack["events"] += [
            {"key": f"bulk-{i}", "title": f"Bulk {i}", "date": f"{1900 + i % 50}",
             "date_label": f"{1900 + i % 50}", "category": "war"}
            for i in range(count)
        ]  # fmt: skip

    return change


def test_a_failure_after_the_events_rolls_everything_back(database, pack_file, monkeypatch):
    path = pack_file(_add_events(1, "2.0.0"))
    before = table_counts(database)

    def fail(self):  # the disk fills, the power flickers: anything after the events
        raise OSError("disk full")

    monkeypatch.setattr(pack_import._Importer, "_questions", fail)
    with pytest.raises(OSError):
        pack_import.import_pack_file(database.session_factory, path)
    assert table_counts(database) == before


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kill_after", [1.0, 2.0, 3.0])
def test_killing_the_app_mid_import_leaves_a_healthy_database(app_paths, pack_file, kill_after):
    """A process killed inside its import (reading, validating or writing) leaves a
    consistent file holding all of the import or none of it."""
    open_database(app_paths).close()
    path = pack_file(_add_events(4000, "9.0.0"), name="big.json")
    env = {**os.environ, "STUDYAPP_HOME": str(app_paths.data)}
    process = subprocess.Popen([sys.executable, "-m", "studyapp", "import", str(path)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    from studyapp.db.integrity import check_file

    open_database(app_paths).close()  # after a crash: quick_check, then a clean close
    result = check_file(app_paths.database)
    assert result.healthy, result.problems
    assert result.counts["event"] in (44, 4044)  # all of the import, or none of it
