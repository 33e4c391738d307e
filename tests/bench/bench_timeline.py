"""Timeline benchmark at 10,000 events: building the scene, zoom steps, pan frames, filtering.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_timeline.py [events]`.
Events are generated (seeded, so every run draws the same timeline) across 1900–1960 with the
bundled pack's mix of precisions: exact days, months, seasons, years, ranges and sets. Each zoom
step and pan frame is timed with a synchronous repaint of the viewport, so the figure includes
drawing. Not part of the default test run: timings never gate unit tests. The first line times
a bare Qt widget of the canvas's size repainting, and every line gives its p50 as a ratio to
that: on a busy machine the milliseconds grow, the ratios much less.

"open the tab" builds a real TimelineTab on a first-run database and times its `reload()` and
first paint with the 10,000 generated rows standing in for what `list_events` reads (the tab's
UI cost; reading the rows from SQLite is not included). "tab keystroke" types into the real
search box and repaints the canvas and the list: everything the student waits for. "event
loop" types the same letters and lets Qt paint what each queued, once (see tab_keystrokes).

`--against DIR` measures only the tab keystroke, with this tree's studyapp and with DIR's (e.g.
`git archive main studyapp resources data | tar -x -C /tmp/main`), in fresh processes taken in
turn, so that both see the same machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from studyapp.db.services.timeline import CATEGORIES, EventRow  # noqa: E402
from studyapp.db.services.topic import PeriodRow  # noqa: E402
from studyapp.domain.dates import parse  # noqa: E402

if TYPE_CHECKING:
    from studyapp.ui.timeline.tab import TimelineTab

WORDS = [
    "treaty",
    "pact",
    "crisis",
    "conference",
    "invasion",
    "talks",
    "purge",
    "plan",
    "blockade",
    "front",
    "league",
    "offensive",
    "agreement",
    "revolution",
    "election",
    "summit",
    "memorandum",
]


def generate_events(count: int, seed: int = 6) -> list[EventRow]:
    rng = random.Random(seed)
    categories = list(CATEGORIES)
    rows = []
    for i in range(count):
        edtf = _random_edtf(rng)
        date = parse(edtf)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()
        rows.append(EventRow(
            i + 1, f"bench-{i}", title, f"Description of event {i}.", edtf, edtf,
            date.start_iso, date.end_iso, date.precision.value, None, rng.choice(categories),
            rng.random() < 0.1, None, None, None, "pack", False,
        ))  # fmt: skip
    rows.sort(key=lambda r: (r.start, r.end, r.id))
    return rows


def _random_edtf(rng: random.Random) -> str:
    day = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randint(0, 60 * 365))
    kinds = ["day", "month", "season", "year", "range", "set"]
    kind = rng.choices(kinds, [50, 15, 3, 12, 15, 5])[0]
    if kind == "day":
        return day.isoformat()
    if kind == "month":
        return day.isoformat()[:7]
    if kind == "season":
        return f"{day.year}-{rng.randint(21, 23)}"
    if kind == "year":
        return str(day.year)
    if kind == "range":
        end = day + dt.timedelta(days=rng.randint(1, 900))
        return f"{day.isoformat()}/{end.isoformat()}"
    other = day + dt.timedelta(days=rng.randint(20, 300))
    return f"{{{day.isoformat()},{other.isoformat()}}}"


def periods() -> list[PeriodRow]:
    spans = [(1900, 1913), (1914, 1918), (1919, 1928), (1929, 1938), (1939, 1945), (1946, 1960)]
    return [PeriodRow(i, f"p{i}", f"Period {a}–{b}", f"{a}/{b}", f"{a}-01-01", f"{b}-12-31", "")
            for i, (a, b) in enumerate(spans, 1)]  # fmt: skip


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


BARE_MS = [1.0]  # the bare widget's p50, once measured


def report(name: str, times: list[float]) -> None:
    p50 = statistics.median(times)
    p95 = sorted(times)[max(0, round(len(times) * 0.95) - 1)]
    ratio = p50 / BARE_MS[0]
    print(f"{name:<34} p50={p50:7.2f} ms  p95={p95:7.2f} ms  (n={len(times)})  ×{ratio:.0f} bare")


def bare_repaint(app: QApplication, quiet: bool = False) -> None:
    """A plain white widget the canvas's size, repainted: the machine's speed, for ratios."""
    from PySide6.QtWidgets import QWidget

    bare = QWidget()
    bare.setStyleSheet("background: white")
    bare.resize(1280, 640)
    bare.show()
    app.processEvents()
    times = timed(bare.repaint, 60)
    BARE_MS[0] = statistics.median(times)
    if not quiet:
        report("bare Qt widget repaint", times)
    bare.close()


def main(count: int) -> None:
    app = QApplication.instance() or QApplication([])
    from studyapp.ui.timeline.canvas import TimelineCanvas
    from studyapp.ui.timeline.model import EventFilterProxy, EventTableModel

    bare_repaint(app)
    events, bands = generate_events(count), periods()
    canvas = TimelineCanvas()
    canvas.resize(1280, 640)
    canvas.show()
    app.processEvents()

    def build() -> None:
        canvas._fitted = False  # noqa: SLF001 - time the first-open path every run
        canvas.set_rows(events, bands)
        canvas.viewport().repaint()

    report("build scene + fit all + paint", timed(build, 5))
    pause(app, 0.6)  # the student looks before zooming; idle-time work (if any) runs here
    settle_collector()
    canvas.show_years(1933, 1939)
    canvas.viewport().repaint()

    def step(factor: float) -> Callable[[], None]:
        def zoom() -> None:
            canvas.zoom_by(factor)
            canvas.viewport().repaint()

        return zoom

    zoom_in, zoom_out = [], []
    for _round in range(4):
        zoom_in += timed(step(1.25), 12)
        # The pause after zooming in: the lanes tighten for the new zoom (once per pause).
        compact = timed(canvas._compact, 1)  # noqa: SLF001
        zoom_out += timed(step(0.8), 24)
        canvas.show_years(1933, 1939)
    report("zoom in step (incl. repaint)", zoom_in)
    report("zoom out step (incl. repaint)", zoom_out)
    report("lanes tightened after a pause", compact)
    timeline = canvas.timeline
    buckets = len(getattr(timeline, "_all", getattr(timeline, "_layouts", {})))
    print(f"{'':<34} {buckets} zoom buckets laid out and cached")
    bar = canvas.horizontalScrollBar()

    def pan() -> None:
        bar.setValue(bar.value() + 40)
        canvas.viewport().repaint()

    report("pan frame, 40 px (incl. repaint)", timed(pan, 120))

    model, proxy = EventTableModel(), EventFilterProxy()
    model.reset_rows(events)
    proxy.setSourceModel(model)
    typed = iter(["t", "tr", "tre", "trea", "treat", "treaty", "treaty ", "treaty p", "treaty pa",
                  "treaty pac", "treaty pact", "treaty pac", "treaty pa"] * 3)  # fmt: skip
    report("list filter keystroke", timed(lambda: proxy.set_text(next(typed)), 39))
    print(f"{'':<34} {proxy.rowCount()} of {model.rowCount()} rows shown at the end")

    canvas_filter = iter([proxy.accepted_ids(), None] * 10)

    def filter_canvas() -> None:  # the canvas's own part of a filter change
        canvas.set_filter(next(canvas_filter))
        canvas.viewport().repaint()

    report("canvas filter + repaint", timed(filter_canvas, 20))
    canvas.close()
    bench_tab(app, events, bands)


def settle_collector() -> None:
    """What the app does once started (`ui.app.settle_garbage_collector`): what is loaded so
    far is kept out of the cyclic collector's sight, so that a full collection of the 10,000
    rows and their glyphs does not land in a measured frame as it cannot in the app."""
    gc.collect()
    gc.freeze()


def pause(app: QApplication, seconds: float) -> None:
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.005)


def bench_tab(
    app: QApplication, events: list[EventRow], bands: list[PeriodRow], keystrokes_only: bool = False
) -> None:
    import tempfile

    from PySide6.QtGui import QUndoStack

    from studyapp import paths
    from studyapp.db.database import open_database
    from studyapp.db.services.topic import current_topic
    from studyapp.ui import timeline as package
    from studyapp.ui.bus import ChangeBus
    from studyapp.ui.context import TabContext
    from studyapp.ui.operations import OperationRunner
    from studyapp.ui.timeline import tab as tab_module

    database = open_database(paths.resolve(Path(tempfile.mkdtemp())))
    factory = database.session_factory
    topic = current_topic(factory)
    bus = ChangeBus()
    context = TabContext(factory, topic.id, OperationRunner(factory, QUndoStack(), bus), bus)
    tab_module.list_events = lambda _factory, _topic: events  # type: ignore[assignment]
    tab_module.list_periods = lambda _factory, _topic: bands  # type: ignore[assignment]
    del package
    tabs = []

    def open_tab() -> None:
        tab = tab_module.TimelineTab(context)
        tab.resize(1280, 760)
        tab.show()
        tab.reload()
        tab.repaint()
        tabs.append(tab)

    if keystrokes_only:  # one tab is enough: see `compare`
        open_tab()
    else:
        report("open the tab (reload + paint)", timed(open_tab, 5))
    tab = tabs[-1]
    pause(app, 0.6)
    settle_collector()
    repainted, settled = tab_keystrokes(app, tab)
    if keystrokes_only:
        print(json.dumps({"bare": BARE_MS[0], "repainted": repainted, "settled": settled}))
    else:
        report("tab keystroke (list + canvas)", repainted)
        report("tab keystroke, event loop", settled)
    pause(app, 0.3)
    for widget in tabs:
        widget.close()
    database.close()


TYPED = ["t", "tr", "tre", "trea", "treat", "treaty", "treaty ", "treaty p", "treaty pa",
         "treaty pac", "treaty pact", "treaty pac", "treaty pa", "treaty p", "treaty ",
         "treaty", "treat", "trea", "tre", "tr", "t", ""]  # fmt: skip


def tab_keystrokes(app: QApplication, tab: TimelineTab) -> tuple[list[float], list[float]]:
    """Type a word and delete it again, twice, in the real search box, two ways.

    "tab keystroke": the text set, then the canvas and the list painted at once, each once:
    Qt's `repaint` paints every widget of the window that is waiting for a paint, so the list
    is marked as waiting and the canvas repainted. (Until 2026-12 the list was then repainted
    on its own too, so it was painted twice and the figure was 2-8 ms higher.)
    "event loop": the text set, then Qt left to do whatever the keystroke queued — each waiting
    widget painted once, timers due — as after a real key press. Timers that wait for a pause
    in typing (the canvas's lanes closing up, 150 ms) are not due yet, as while typing.
    """
    words = iter(TYPED * 2)

    def keystroke() -> None:
        tab.search_edit.setText(next(words))
        tab.table.viewport().update()
        tab.canvas.viewport().repaint()

    def settle() -> None:
        tab.search_edit.setText(next(words))
        app.processEvents()

    repainted = timed(keystroke, 2 * len(TYPED))
    pause(app, 0.3)
    words = iter(TYPED * 2)
    settled = timed(settle, 2 * len(TYPED))
    return repainted, settled


def compare(count: int, other: str, rounds: int) -> None:
    """The tab keystroke with this tree's studyapp and with `other`'s (a checkout of another
    commit, e.g. `git archive main studyapp | tar -x -C /tmp/main`), in fresh processes taken
    in turn, so both see the same machine; the figures of every round pooled."""
    import subprocess

    here = Path(__file__).resolve()
    sides = {"this tree": str(here.parents[2]), "other": str(Path(other).resolve())}
    pooled: dict[str, dict[str, list[float]]] = {name: {} for name in sides}
    for _round in range(rounds):
        for name, root in sides.items():
            environment = {**os.environ, "PYTHONPATH": root, "QT_QPA_PLATFORM": "offscreen"}
            run = subprocess.run(
                [sys.executable, str(here), str(count), "--keystrokes-only"],
                env=environment, cwd="/", capture_output=True, text=True, check=True,
            )  # fmt: skip
            figures = json.loads(run.stdout.strip().splitlines()[-1])
            for key, values in figures.items():
                pooled[name].setdefault(key, []).extend(values if key != "bare" else [values])
    for name in sides:
        BARE_MS[0] = statistics.median(pooled[name]["bare"])
        print(f"{name}: {sides[name]}")
        report("  tab keystroke (list + canvas)", pooled[name]["repainted"])
        report("  tab keystroke, event loop", pooled[name]["settled"])


def keystrokes_only(count: int) -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    bare_repaint(app, quiet=True)
    bench_tab(app, generate_events(count), periods(), keystrokes_only=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", nargs="?", type=int, default=10_000)
    parser.add_argument("--against", metavar="DIR", help="compare the tab keystroke with the "
                        "studyapp package in DIR, in alternate processes")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=6, help="processes per side (--against)")
    parser.add_argument("--keystrokes-only", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.keystrokes_only:
        keystrokes_only(arguments.events)
    elif arguments.against:
        compare(arguments.events, arguments.against, arguments.rounds)
    else:
        main(arguments.events)
