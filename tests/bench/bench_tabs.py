"""Tab first-show benchmark: how long the Phase notes and the Argument builder take to open for
the first time, on the large study set (10,000 events, 5,000 note items, 2,000 points, 20,000
review cards, made by `large_set.py`) and on the bundled pack.

Each measure is a fresh process: the whole window is started as the app starts it and left to
finish (every edit possible), then `MainWindow.open_tab(name)` builds and loads the tab, and the
events that follow are processed and the window repainted — what a student waits for between
the click and a settled screen. The garbage collector is handled as the app handles it (off
while starting, then the start-up's objects frozen). The same process first shows a bare
`QMainWindow` and repaints it: the ratio to that keeps a busy machine from making a fast tab
look slow.

Run: `.venv/bin/python tests/bench/bench_tabs.py [--runs N] [--before DIR] [--profile TAB]`.
`--before DIR` also measures another checkout's `studyapp` (the commit before a change, e.g.
`git archive COMMIT studyapp resources data | tar -x -C DIR`), alternating with this one
process by process on the same study sets; `--profile notes` prints the cProfile of one opening
instead of the table.
Not part of the default test run: timings never gate unit tests.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABS = (("notes", "Phase notes"), ("arguments", "Argument builder"))

OPEN_TAB = """
import cProfile, gc, io, os, pstats, sys, time
gc.disable()  # as the app starts (cli.main), until it has started (settle_garbage_collector)
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from studyapp.ui.theme.manager import new_application
app = new_application(sys.argv[:1])
from studyapp import paths
from studyapp.ui.main_window import MainWindow
name, width, height, profile = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
window = MainWindow(paths.resolve())
window.resize(width, height)
loop = QEventLoop()
window.edits_ready.connect(loop.quit)
window.show()
QTimer.singleShot(60_000, loop.quit)
loop.exec()
assert window.database is not None, "the window did not finish starting"
from studyapp.ui.app import settle_garbage_collector
settle_garbage_collector()
for _ in range(5):  # let the start-up's queued work finish
    app.processEvents()
bare = QMainWindow(); bare.resize(width, height)
started = time.perf_counter()
bare.show(); app.processEvents(); bare.repaint()
bare_ms = (time.perf_counter() - started) * 1000
bare.close()
app.processEvents()
profiler = cProfile.Profile() if profile == "yes" else None
started = time.perf_counter()
if profiler: profiler.enable()
window.open_tab(name)
app.processEvents()
window.repaint()
if profiler: profiler.disable()
tab_ms = (time.perf_counter() - started) * 1000
if profiler:
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
    print(out.getvalue())
print(f"bare_ms={bare_ms:.1f} tab_ms={tab_ms:.1f}", flush=True)
window.close_database()
"""


def compile_bytecode(source: Path) -> None:
    """Compile the measured package as an install does (this machine may not write bytecode)."""
    compileall.compile_dir(str(source / "studyapp"), quiet=1)


def run_once(source: Path, home: Path, tab: str, size: tuple[int, int],
             profile: bool = False) -> tuple[float, float, str]:  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "STUDYAPP_HOME": str(home), "PYTHONPATH": str(source)}  # fmt: skip
    args = [sys.executable, "-c", OPEN_TAB, tab, str(size[0]), str(size[1]),
            "yes" if profile else "no"]  # fmt: skip
    # The working folder too: `python -c` puts it first on the path, ahead of PYTHONPATH.
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300,
                          cwd=source)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"opening {tab} failed: {done.stderr[-3000:]}")
    out = done.stdout
    values = dict(part.split("=") for part in out.strip().splitlines()[-1].split())
    return float(values["bare_ms"]), float(values["tab_ms"]), out


def prepare(large: bool) -> Path:
    home = Path(tempfile.mkdtemp(prefix="bench-tabs-"))
    if large:
        sys.path.insert(0, str(HERE))
        from large_set import build

        build(home)
    else:  # a first run imports the bundled pack; later runs are warm
        env = {**os.environ, "STUDYAPP_HOME": str(home)}
        subprocess.run([sys.executable, "-c", "from studyapp import paths; "
                        "from studyapp.db.database import open_database; "
                        "open_database(paths.resolve()).close()"], env=env, check=True)  # fmt: skip
    return home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    parser.add_argument("--before", type=Path, help="a checkout to compare with, alternated")
    parser.add_argument("--profile", choices=[tab for tab, _title in TABS])
    parser.add_argument("--home", type=Path, help="an existing large study set to reuse")
    args = parser.parse_args()
    sources = {"now": HERE.parent.parent}
    if args.before:
        sources = {"before": args.before.resolve(), **sources}
    for source in sources.values():
        compile_bytecode(source)
    large = args.home or prepare(large=True)
    if args.profile:
        print(run_once(sources["now"], large, args.profile, (1280, 800), profile=True)[2])
        return
    bundled = prepare(large=False)
    print(f"Medians of {args.runs} fresh processes each at 1280×800; ratio: to a bare window")
    print(f"{'tab':<18}{'study set':<14}{'code':<8}{'open (ms)':>10}{'bare (ms)':>11}{'ratio':>8}")
    for tab, title in TABS:
        for label, home in (("large", large), ("bundled pack", bundled)):
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name in sources}
            for _ in range(args.runs):
                for name, source in sources.items():
                    runs[name].append(run_once(source, home, tab, (1280, 800))[:2])
            for name, pairs in runs.items():
                bare = statistics.median(b for b, _t in pairs)
                opened = statistics.median(t for _b, t in pairs)
                ratio = statistics.median(t / b for b, t in pairs)
                print(f"{title:<18}{label:<14}{name:<8}{opened:>10.0f}{bare:>11.1f}{ratio:>8.0f}")


if __name__ == "__main__":
    main()
