"""Start-up benchmark: StudyApp against a bare Qt window (a `QMainWindow` with four tabs),
alternated in the same run on the same machine, so a slow or busy machine does not make a fast
app look slow: the figures that matter are the ratios.

Run: `.venv/bin/python tests/bench/bench_startup.py [--large] [--pairs N]`
(default 21 pairs; `--large` measures a study set of 10,000 events, 5,000 note items, 2,000
points and 20,000 review cards made by `large_set.py`). Each round ("pair") is a bare window,
StudyApp closed at data and StudyApp closed fully started, in an order that rotates from round
to round. 21 rounds by default: on a shared machine one start can differ from the next by 10%.
Printed, as medians over the rounds, with the ratio of the medians and the median of the
rounds' ratios to the bare window:

- first paint: the window's first paint (ms since the process started);
- data on screen: the window starting to paint the first tab's rows (the bare window: its
  first paint); anything the app does between taking the rows and painting them counts;
- fully started: the ORM open too, every edit possible (the bare window: its first paint);
- whole process, closed at data: launch to exit of a run that quits as soon as the data shows
  (`--startup-report=data`: a student who glances at the notes and closes), the issue's measure;
- whole process, closed fully started: launch to exit of a run that quits once fully started;
- peak RSS: the process's peak resident memory (MiB) in the run closed fully started, which
  ends right after start-up.

The package's bytecode is compiled first, as installing it (pip, the bundle) does: a
machine that sets PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.

Not part of the default test run: timings never gate unit tests.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The bare window imports nothing of StudyApp's (its CLI module alone costs ~30 ms of imports):
# it reads its start time as `studyapp.cli.process_start_time` does, inline.
BARE_WINDOW = """
import os, sys, time
def process_start_time():
    with open("/proc/self/stat", encoding="ascii") as stat:
        ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime", encoding="ascii") as uptime:
        up = float(uptime.read().split()[0])
    return time.time() - up + ticks / os.sysconf("SC_CLK_TCK")
started = process_start_time()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget
app = QApplication(sys.argv)
class W(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            ms = round((time.time() - started) * 1000)
            print(f"first_paint_ms={ms} data_ready_ms={ms} edits_ready_ms={ms}", flush=True)
            QTimer.singleShot(0, app.quit)
w = W()
tabs = QTabWidget(w)
for title in ("Timeline", "Phase notes", "Factors", "Arguments"):
    tabs.addTab(QLabel(title), title)
w.setCentralWidget(tabs)
w.resize(1200, 780)
w.show()
sys.exit(app.exec())
"""
# The issue's memory target is absolute (peak RSS after start-up, bundled pack), set when the
# bare window here took 50 MiB; the same bare window has since measured 55-67 MiB on this
# machine on different days, with the same code. So the table also gives StudyApp's memory above
# the bare window of the same run, against the margin the issue allowed: 110 - 50 MiB.
RSS_TARGET_MIB, RSS_ISSUE_BARE_MIB = 110, 50
# (label, run, key, unit, target): run "full" quits fully started, "data" once the data shows
ROWS = (("first paint", "full", "first_paint_ms", "ms", 1.2),
        ("data on screen", "full", "data_ready_ms", "ms", 2.0),
        ("fully started", "full", "edits_ready_ms", "ms", None),
        ("whole, closed at data", "data", "wall_ms", "ms", 2.5),
        ("whole, fully started", "full", "wall_ms", "ms", None),
        ("peak RSS", "full", "rss_mib", "MiB", None))  # fmt: skip
Runs = dict[str, list[dict[str, float]]]  # "bare", "full", "data": one entry per pair


def run_once(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """One process: its printed timings, wall time (launch to exit) and peak RSS."""
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, env=env, text=True)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = (time.perf_counter() - started) * 1000
        process.returncode = os.waitstatus_to_exitcode(status)
        errors = process.stderr.read() if process.stderr else ""
        if process.returncode != 0:
            raise RuntimeError(f"{args[-1]} exited {process.returncode}: {errors[-2000:]}")
        out.seek(0)
        line = out.read().strip().splitlines()[-1]
    values: dict[str, float] = {k: int(v) for k, v in (part.split("=") for part in line.split())}
    values.setdefault("edits_ready_ms", values["data_ready_ms"])  # a run closed at data
    values["wall_ms"] = wall
    values["rss_mib"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return values


def compile_bytecode() -> None:
    """Compile the package's modules, as an install does (see the module docstring)."""
    spec = importlib.util.find_spec("studyapp")
    assert spec is not None and spec.submodule_search_locations
    compileall.compile_dir(spec.submodule_search_locations[0], quiet=1)


def measure(home: Path, pairs: int) -> tuple[dict[str, float], Runs]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "STUDYAPP_HOME": str(home)}  # fmt: skip
    app = [sys.executable, "-m", "studyapp", "--startup-report"]
    first_run = run_once(app, env)  # a first run creates the database, or a warm one after
    commands = {"bare": [sys.executable, "-c", BARE_WINDOW],
                "data": [*app[:-1], "--startup-report=data"], "full": app}  # fmt: skip
    runs: Runs = {name: [] for name in commands}
    order = list(commands)
    for round_ in range(pairs):
        # Each round starts one further along (bare, data, full; data, full, bare; …): no kind
        # of run always follows the same other kind, whose exit or caches could favour it.
        for name in order[round_ % 3:] + order[:round_ % 3]:
            runs[name].append(run_once(commands[name], env))
    return first_run, runs


def report(title: str, first_run: dict[str, float], runs: Runs, large: bool = False) -> None:
    print(f"\n{title} — {len(runs['bare'])} rounds, alternated (medians)")
    print(f"{'':<24}{'bare window':>12}{'StudyApp':>10}{'ratio':>8}{'median of':>11}"
          f"{'target':>10}")  # fmt: skip
    print(f"{'':<24}{'':>12}{'':>10}{'':>8}{'ratios':>11}{'':>10}")
    for label, run, key, unit, target in ROWS:
        bare, ours = runs["bare"], runs[run]
        b = statistics.median(one[key] for one in bare)
        o = statistics.median(one[key] for one in ours)
        per_pair = statistics.median(x[key] / y[key] for x, y in zip(ours, bare, strict=True))
        if large:  # the issue's target on the large set: data on screen within 3×
            target = 3.0 if key == "data_ready_ms" else None
        goal = f"≤{target}×" if target else ""
        if key == "rss_mib" and not large:  # the issue's one absolute target: RSS_TARGET_MIB
            goal = f"≤{RSS_TARGET_MIB} MiB"
        print(f"{label + ' ' + unit:<24}{b:>12.0f}{o:>10.0f}{o / b:>7.2f}×{per_pair:>10.2f}×"
              f"{goal:>10}")  # fmt: skip
        if key == "rss_mib":
            allowed = RSS_TARGET_MIB - RSS_ISSUE_BARE_MIB
            told = "" if large else f"   (the issue's target allows {allowed} over its bare window)"
            print(f"{'  above the bare window':<24}{'':>12}{o - b:>10.0f}{told}")
    print(f"first start: first paint {first_run['first_paint_ms']:.0f} ms, data on screen "
          f"{first_run['data_ready_ms']:.0f} ms, fully started {first_run['edits_ready_ms']:.0f}"
          f" ms, whole process {first_run['wall_ms']:.0f} ms, peak RSS "
          f"{first_run['rss_mib']:.0f} MiB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="on the large study set")
    parser.add_argument("--pairs", type=int, default=21, help="bare/StudyApp pairs (at least 7)")
    args = parser.parse_args()
    started = time.time()
    home = Path(tempfile.mkdtemp(prefix="studyapp-bench-"))
    try:
        if args.large:  # built in its own process: a child's peak RSS on Linux counts the
            # parent's memory it was forked with, so this process stays small
            made = subprocess.run([sys.executable, str(Path(__file__).with_name("large_set.py")),
                                   str(home)], capture_output=True, text=True, check=True)
            title = f"Start-up, large set {made.stdout.strip()}"
        else:
            title = "Start-up, bundled pack"
        compile_bytecode()
        first_run, runs = measure(home, max(args.pairs, 7))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    report(title, first_run, runs, args.large)
    print(f"({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
