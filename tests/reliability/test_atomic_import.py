"""An import that fails half-way leaves the database exactly as it was (one transaction)."""

from __future__ import annotations

import pytest

from studyapp.db import pack_import
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
