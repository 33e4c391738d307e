"""Import benchmark: a study pack of 5,000 and of 50,000 events, validated and written into a
new database, then imported again (every row already there: the update path).

Run: `.venv/bin/python tests/bench/bench_import.py [events ...]` (default 5000 50000). The
packs are the bundled pack plus generated events, notes citing them and points using them as
evidence, so every kind of row and reference is exercised. Printed per pack: its size, the
validation alone (`load_pack`: read, JSON, schema, references and dates), the first import
and the re-import (each validates once, then writes in one transaction). Not part of the
default test run: timings never gate unit tests.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS_S = {5_000: 2.0, 50_000: 20.0}
CATEGORIES = ("ussr-diplomacy", "germany", "western-powers", "league", "war", "domestic")


def make_pack(events: int, folder: Path) -> Path:
    """The bundled pack grown to `events` events, with note items citing some of them."""
    from studyapp.packs.loader import bundled_pack_path

    pack: dict[str, Any] = json.loads(bundled_pack_path().read_text("utf-8"))
    pack["pack"]["id"] += f"-{events}"
    periods = [period["key"] for period in pack["periods"]]
    for i in range(events - len(pack["events"])):
        year = 1900 + i % 60
        date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 4 else str(year)
        pack["events"].append({
            "key": f"bench-{i}", "title": f"Generated event {i}",
            "description": "What happened, and why it mattered to the story. " * 2,
            "date": date, "date_label": date, "category": CATEGORIES[i % len(CATEGORIES)],
            "key_date": i % 50 == 0, "period": periods[i % len(periods)],
        })  # fmt: skip
    keys = [event["key"] for event in pack["events"]]
    section = {"key": "bench-section", "title": "Generated notes", "items": [
        {"key": f"bench-item-{i}", "text": f"Note {i} on the generated events.",
         "events": keys[i * 7 % len(keys): i * 7 % len(keys) + 2]} for i in range(400)]}
    pack["note_sections"].append(section)
    path = folder / f"pack-{events}.json"
    path.write_text(json.dumps(pack), "utf-8")
    return path


def timed(work: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main(sizes: list[int]) -> None:
    from studyapp import paths
    from studyapp.db.database import open_database
    from studyapp.db.pack_import import import_pack_file
    from studyapp.packs.loader import load_pack

    print("Import of a study pack (seconds; validation is part of each import)")
    print(f"{'events':>8}{'MB':>6}{'validate':>10}{'import':>9}{'re-import':>11}{'target':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            work = Path(folder)
            pack_path = make_pack(size, work)
            megabytes = pack_path.stat().st_size / 1e6
            validate, _pack = timed(lambda p=pack_path: load_pack(p))
            os.environ[paths.ENV_HOME] = str(work / f"home-{size}")
            database = open_database(paths.resolve(), import_bundled=False)
            first, report = timed(lambda p=pack_path, d=database: import_pack_file(
                d.session_factory, p))  # fmt: skip
            again, _ = timed(lambda p=pack_path, d=database: import_pack_file(
                d.session_factory, p))  # fmt: skip
            with database.engine.connect() as connection:
                stored = connection.exec_driver_sql("SELECT count(*) FROM event").scalar_one()
            database.close()
            assert stored == size, f"{stored} events stored, {size} in the pack"
            target = TARGETS_S.get(size)
            goal = f"≤{target:.0f} s" if target else ""
            print(f"{size:>8}{megabytes:>6.1f}{validate:>10.2f}{first:>9.2f}{again:>11.2f}"
                  f"{goal:>8}")  # fmt: skip
            print(f"{'':>8}  {report.summary()}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [5_000, 50_000])
