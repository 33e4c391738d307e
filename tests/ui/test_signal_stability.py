"""A long revision session emits tens of thousands of signals; none may crash the app.

PySide6 6.12.0 dropped a reference to `True` on every Python-side emit and aborted the
interpreter after a few thousand (pyproject.toml excludes it). This guards against any
installed PySide6 with that fault. It runs in a child process so an abort fails the test
instead of killing the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    changed = Signal(str)
source = Source()
received = []
source.changed.connect(received.append)
for i in range(20_000):
    source.changed.emit("x")
print(len(received))
"""


def test_twenty_thousand_emits_do_not_crash_the_interpreter():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            env=env, timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "20000"
