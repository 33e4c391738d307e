"""Start-up benchmark: StudyApp's first paint and data-ready times against a bare Qt window.

Run: `.venv/bin/python tests/bench/bench_startup.py [runs]`. Both are measured in the same run
on the same machine, and the result is reported as a ratio, so a slow machine does not make a
fast app look slow. Not part of the default test run: timings never gate unit tests.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BARE_WINDOW = """
import time, sys
from studyapp.cli import process_start_time
started = process_start_time()
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
class W(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        print(f"first_paint_ms={round((time.time() - started) * 1000)}", flush=True)
        QTimer.singleShot(0, app.quit)
w = W(); w.resize(1200, 780); w.show(); app.exec()
"""


def _run(args: list[str], env: dict[str, str]) -> dict[str, int]:
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=True, timeout=120)
    line = out.stdout.strip().splitlines()[-1]
    return {k: int(v) for k, v in (part.split("=") for part in line.split())}


def main(runs: int = 7) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    home = tempfile.mkdtemp(prefix="studyapp-bench-")
    env["STUDYAPP_HOME"] = home
    app = [sys.executable, "-m", "studyapp", "--startup-report"]
    try:
        first_run = _run(app, env)  # creates the database and imports the bundled pack
        bare, paint, ready = [], [], []
        for _ in range(runs):
            bare.append(_run([sys.executable, "-c", BARE_WINDOW], env)["first_paint_ms"])
            timings = _run(app, env)
            paint.append(timings["first_paint_ms"])
            ready.append(timings["data_ready_ms"])
    finally:
        shutil.rmtree(home, ignore_errors=True)
    b, p, r = (statistics.median(x) for x in (bare, paint, ready))
    print(f"first run (create + import): first_paint_ms={first_run['first_paint_ms']} "
          f"data_ready_ms={first_run['data_ready_ms']}")  # fmt: skip
    print(f"bare Qt window  first_paint_ms median={b:.0f}")
    print(f"StudyApp        first_paint_ms median={p:.0f}  ratio={p / b:.2f}")
    print(f"StudyApp        data_ready_ms  median={r:.0f}  ratio={r / b:.2f}")


if __name__ == "__main__":
    started = time.time()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
    print(f"({time.time() - started:.1f} s)")
