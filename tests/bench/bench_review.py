"""Review benchmark: how long card sync, the due query, progress and the deck export take on
the bundled pack and on a topic with 10,000 events (20,000 cards); what one edit's card sync
costs (the whole topic, as before, against only the changed rows' cards, as now); and the
Review tab's first show in a fresh process (dates worded by parsing them, as before, against
the stored bounds, as now). Times are also given as ratios to showing a bare Qt window in the
same run, so a slow machine does not make a fast path look slow.

Then the Review tab on the large study set (`large_set.py`: 10,000 events, 20,000 cards), the
code before this work against the code now, alternated in the same run: opening the tab, and
one event reworded elsewhere while the tab is built (the session page in sight, then the card
list). The "before" code is the package as it was at `--before` (a git revision, the commit
the Review tab's speed work started from), unpacked with `git archive` into a temporary folder;
each version builds its own large set, since the old code cannot open a newer file.

Run: `.venv/bin/python tests/bench/bench_review.py [--tab-only] [--before REV] [--runs N]`.
Not part of the default test run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("STUDYAPP_HOME", tempfile.mkdtemp(prefix="studyapp-bench-"))

from studyapp import paths  # noqa: E402
from studyapp.db.database import open_database  # noqa: E402
from studyapp.db.models import Event  # noqa: E402
from studyapp.db.services import review  # noqa: E402
from studyapp.db.services.topic import current_topic  # noqa: E402
from studyapp.export.apkg import write_apkg  # noqa: E402


def timed(label: str, work: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = work()
    print(f"{label}: {(time.perf_counter() - started) * 1000:.0f} ms")
    return result


def add_events(session_factory, topic_id: int, count: int) -> None:  # type: ignore[no-untyped-def]
    base = dt.date(1900, 1, 1)
    with session_factory.begin() as session:
        for n in range(count):
            day = (base + dt.timedelta(days=n)).isoformat()
            session.add(Event(topic_id=topic_id, key=f"bench-{n}", source="user",
                              user_modified=False, title=f"Bench event {n}", description="",
                              edtf=day, date_label=day, start=day, end=day, precision="day",
                              category="war", key_date=False, position=n))  # fmt: skip


def bare_window_ms(runs: int = 3) -> float:
    """Median first paint of a bare Qt window in its own process (as `bench_startup.py`
    measures it): the unit of the ratios below."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_startup import BARE_WINDOW, run_once

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    return statistics.median(run_once([sys.executable, "-c", BARE_WINDOW], env)["first_paint_ms"]
                             for _ in range(runs))  # fmt: skip


def edit_sync(session_factory, topic_id: int, bare: float, runs: int = 7) -> None:  # type: ignore[no-untyped-def]
    """One edit, then its card sync: the whole topic (before) against the changed rows (now)."""
    from studyapp.db.operations import key_terms as term_ops
    from studyapp.db.operations.base import perform
    from studyapp.db.operations.events import EventFields, edit_event
    from studyapp.db.services.key_terms import list_key_terms
    from studyapp.db.services.timeline import list_events

    event = list_events(session_factory, topic_id)[5000]
    term = list_key_terms(session_factory, topic_id)[0]

    def event_edit(n: int):  # type: ignore[no-untyped-def]
        fields = EventFields(title=f"Bench event renamed {n}", edtf=f"1950-01-{n % 28 + 1:02d}",
                             category=event.category)  # fmt: skip
        return edit_event(event.id, fields)

    def term_edit(n: int):  # type: ignore[no-untyped-def]
        return term_ops.edit_key_term(term.id, term.term, f"{term.meaning} ({n})", term.section_id)

    for label, make in (("event re-dated", event_edit), ("key term reworded", term_edit)):
        whole, changed = [], []
        for n in range(runs):
            perform(session_factory, make(2 * n))
            started = time.perf_counter()
            review.refresh_cards(session_factory, topic_id)
            whole.append((time.perf_counter() - started) * 1000)
            outcome = perform(session_factory, make(2 * n + 1))
            started = time.perf_counter()
            review.refresh_changed(session_factory, topic_id, outcome.changes)
            changed.append((time.perf_counter() - started) * 1000)
        before, after = statistics.median(whole), statistics.median(changed)
        print(f"10,000 events: {label}, card sync per edit: whole topic {before:.0f} ms "
              f"({before / bare:.2f} bare windows) -> changed rows {after:.1f} ms "
              f"({after / bare:.3f})")  # fmt: skip


def tab_on_changed(session_factory, topic_id: int, bare: float, runs: int = 5) -> None:  # type: ignore[no-untyped-def]
    """What the Review tab does on the GUI thread after one edit elsewhere (sync and redraw):
    an edit that changes no card's wording, and one that rewords a card."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from studyapp.db.operations.base import perform
    from studyapp.db.operations.events import EventFields, edit_event
    from studyapp.db.services.timeline import list_events
    from studyapp.ui.bus import ChangeBus
    from studyapp.ui.context import TabContext
    from studyapp.ui.operations import OperationRunner
    from studyapp.ui.review.tab import ReviewTab

    _app = QApplication.instance() or QApplication([])
    stack, bus = QUndoStack(), ChangeBus()
    tab = ReviewTab(TabContext(session_factory, topic_id,
                               OperationRunner(session_factory, stack, bus), bus))  # fmt: skip
    tab.reload()
    event = list_events(session_factory, topic_id)[4000]
    for label, field in (("description edited (no card changes)", "description"),
                         ("title edited (its cards reworded)", "title")):  # fmt: skip
        times = []
        for n in range(runs):
            fields = EventFields(title=event.title, edtf=event.edtf, category=event.category,
                                 description=event.description)  # fmt: skip
            fields = EventFields(**{**fields.as_values(), field: f"{event.title} {n}"})
            outcome = perform(session_factory, edit_event(event.id, fields))
            started = time.perf_counter()
            tab.on_changed(outcome.changes)
            times.append((time.perf_counter() - started) * 1000)
        took = statistics.median(times)
        print(f"10,000 events: Review tab after an event's {label}: {took:.0f} ms "
              f"({took / bare:.2f} bare windows)")


FIRST_SHOW = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from studyapp import paths
from studyapp.db.database import open_database
from studyapp.db.services import review
from studyapp.db.services.topic import current_topic
database = open_database(paths.resolve())
factory = database.session_factory
topic = current_topic(factory)
started = time.perf_counter()
w = QMainWindow(); w.resize(1200, 780); w.show(); w.grab(); app.processEvents()
bare = (time.perf_counter() - started) * 1000
if sys.argv[1] == "parse":  # what chronology_events did before: parse every stored date
    from sqlalchemy import text
    from studyapp.domain.cards import word_date
    with factory() as session:
        dates = [row[0] for row in session.execute(text("SELECT edtf FROM event"))]
    started = time.perf_counter()
    [word_date(edtf) for edtf in dates]
else:
    from studyapp.ui.bus import ChangeBus
    from studyapp.ui.context import TabContext
    from studyapp.ui.operations import OperationRunner
    from studyapp.ui.review.tab import ReviewTab
    stack, bus = QUndoStack(), ChangeBus()
    tab = ReviewTab(TabContext(factory, topic.id, OperationRunner(factory, stack, bus), bus))
    started = time.perf_counter()
    if sys.argv[1] == "stored":
        review.chronology_events(factory, topic.id)
    else:
        tab.reload()
print(f"bare={bare:.1f} work={(time.perf_counter() - started) * 1000:.1f}")
"""


def first_show(runs: int = 5) -> None:
    """The Review tab's first show on an existing file, each in a fresh process."""
    home = tempfile.mkdtemp(prefix="studyapp-bench-first-")
    env = {**os.environ, "STUDYAPP_HOME": home,
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}  # fmt: skip
    open_database(paths.resolve(home)).close()  # an existing file: no import at first show
    results: dict[str, list[tuple[float, float]]] = {}
    for mode in ("parse", "stored", "reload"):
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", FIRST_SHOW, mode], env=env, check=True,
                                 capture_output=True, text=True, timeout=120).stdout  # fmt: skip
            parts = dict(part.split("=") for part in out.strip().splitlines()[-1].split())
            results.setdefault(mode, []).append((float(parts["bare"]), float(parts["work"])))
    for mode, label in (("parse", "dates worded by parsing (before)"),
                        ("stored", "dates worded from stored bounds (now)"),
                        ("reload", "whole first reload (now)")):  # fmt: skip
        bare = statistics.median(b for b, _w in results[mode])
        work = statistics.median(w for _b, w in results[mode])
        print(f"bundled pack, fresh process: {label}: {work:.1f} ms "
              f"({work / bare:.2f} × showing a bare window in that process)")


def run(session_factory, topic_id: int, label: str) -> None:  # type: ignore[no-untyped-def]
    now = review.utc_now()
    timed(f"{label} sync (nothing new)", lambda: review.refresh_cards(session_factory, topic_id))
    timed(f"{label} due cards (first 200)", lambda: review.due_cards(session_factory, topic_id,
                                                                       now))  # fmt: skip
    timed(f"{label} due count", lambda: review.due_count(session_factory, topic_id, now))
    timed(f"{label} progress", lambda: review.progress(session_factory, topic_id, now))
    deck = review.deck(session_factory, topic_id)
    output = Path(tempfile.mkdtemp()) / "deck.apkg"
    timed(f"{label} export {len(deck.cards)} cards to .apkg", lambda: write_apkg(deck, output))


TAB_ON_LARGE = """
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from studyapp import paths
from studyapp.db.database import open_database
from studyapp.db.operations.base import perform
from studyapp.db.operations.events import EventFields, edit_event
from studyapp.db.services.timeline import list_events
from studyapp.db.services.topic import current_topic
from studyapp.ui.bus import ChangeBus
from studyapp.ui.context import TabContext
from studyapp.ui.operations import OperationRunner
database = open_database(paths.resolve(sys.argv[1]))
factory = database.session_factory
topic = current_topic(factory)
import studyapp.ui.review.tab  # imported before the clock starts, in both versions
started = time.perf_counter()
w = QMainWindow(); w.resize(1280, 800); w.show(); w.grab(); app.processEvents()
bare = (time.perf_counter() - started) * 1000
stack, bus = QUndoStack(), ChangeBus()
started = time.perf_counter()
tab = studyapp.ui.review.tab.ReviewTab(TabContext(factory, topic.id,
                                                  OperationRunner(factory, stack, bus), bus))
tab.reload(); w.setCentralWidget(tab); app.processEvents()
opened = (time.perf_counter() - started) * 1000
event = list_events(factory, topic.id)[4000]
rewords = {}
for page in (0, 3):  # the review session in sight, then the card list
    tab.pages.setCurrentIndex(page); app.processEvents()
    times = []
    for n in range(5):
        fields = EventFields(title=f"{event.title} {page}{n}", edtf=event.edtf,
                             category=event.category, description=event.description)
        outcome = perform(factory, edit_event(event.id, fields))
        started = time.perf_counter()
        tab.on_changed(outcome.changes); app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    rewords[page] = sorted(times)[len(times) // 2]
database.close()
assert studyapp.__file__.startswith(sys.argv[2]), studyapp.__file__  # the version meant
print(json.dumps({"bare": bare, "open": opened, "reword_session": rewords[0],
                  "reword_cards": rewords[3]}))
"""


def _code_at(revision: str, folder: Path) -> Path:
    """The package, its data and the large-set builder as they were at `revision`, unpacked in
    `folder`."""
    root = Path(__file__).resolve().parents[2]
    wanted = ["studyapp", "data", "resources", "tests/bench/large_set.py"]
    archive = subprocess.run(["git", "-C", str(root), "archive", revision, *wanted],
                             check=True, capture_output=True)  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def review_tab_on_large(before: str, runs: int) -> None:
    """Opening the Review tab and one reword while it is built, at 10,000 events: the code at
    `before` against the code now, alternated, each with its own large set."""
    scratch = Path(tempfile.mkdtemp(prefix="studyapp-bench-tab-"))
    now_code = Path(__file__).resolve().parents[2]
    versions = {"before": _code_at(before, scratch / "before"), "now": now_code}
    homes: dict[str, Path] = {}
    for name, code in versions.items():
        env = {**os.environ, "PYTHONPATH": str(code)}
        homes[name] = scratch / f"home-{name}"
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "studyapp")],
                       env=env, check=True)  # fmt: skip
        build = [sys.executable, str(code / "tests/bench/large_set.py"), str(homes[name])]
        subprocess.run(build, env=env, check=True, capture_output=True, timeout=600, cwd=scratch)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
    for _ in range(runs):
        for name, code in versions.items():
            env = {**os.environ, "PYTHONPATH": str(code), "STUDYAPP_HOME": str(homes[name]),
                   "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}  # fmt: skip
            command = [sys.executable, "-c", TAB_ON_LARGE, str(homes[name]), str(code)]
            # From the scratch folder: `-c` puts the working folder first on the path.
            out = subprocess.run(command, env=env, check=True, capture_output=True, text=True,
                                 timeout=600, cwd=scratch).stdout  # fmt: skip
            results[name].append(json.loads(out.strip().splitlines()[-1]))
    print(f"\nReview tab at 10,000 events, 20,000 cards ({runs} runs each, alternated; medians;"
          f" × = times a bare 1280×800 window's first paint in the same process)")
    print(f"{'':<44}{'before':>16}{'now':>16}")
    for key, label in (("open", "open the Review tab"),
                       ("reword_session", "one reword elsewhere, session in sight"),
                       ("reword_cards", "one reword elsewhere, card list in sight")):  # fmt: skip
        cells = []
        for name in versions:
            value = statistics.median(run[key] for run in results[name])
            bare = statistics.median(run["bare"] for run in results[name])
            cells.append(f"{value:.0f} ms ({value / bare:.1f}×)")
        print(f"{label:<44}{cells[0]:>16}{cells[1]:>16}")
    shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tab-only", action="store_true",
                        help="only the Review tab on the large set, before against now")
    parser.add_argument("--before", default="bd9107d",
                        help="the git revision to compare with (default: before the speed work)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.tab_only:
        whole_bench()
    review_tab_on_large(args.before, args.runs)


def whole_bench() -> None:
    database = timed("first run (migrate, import pack, generate cards)",
                     lambda: open_database(paths.resolve()))  # fmt: skip
    factory = database.session_factory
    topic = current_topic(factory)
    run(factory, topic.id, "bundled pack:")
    add_events(factory, topic.id, 10_000)
    report = timed("10,000 new events: sync", lambda: review.refresh_cards(factory, topic.id))
    print(f"  {report}")
    run(factory, topic.id, "10,000 events:")
    bare = bare_window_ms()
    print(f"bare Qt window, first paint in its own process: {bare:.0f} ms")
    edit_sync(factory, topic.id, bare)
    tab_on_changed(factory, topic.id, bare)
    database.close()
    first_show()


if __name__ == "__main__":
    main()
