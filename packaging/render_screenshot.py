"""Screenshot the main window on a fresh first run, for the README and the AppStream file.

    .venv/bin/python packaging/render_screenshot.py

Renders offscreen (no display needed) into resources/screenshots/main-window.png, using a
temporary data folder so the real profile is untouched. Commit the result.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from studyapp import paths  # noqa: E402
from studyapp.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots" / "main-window.png"
SIZE = (1200, 760)
SETTLE_MS = 1500  # the other tabs fill in after the first one; let them


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as home:
        window = MainWindow(paths.resolve(home))
        window.resize(*SIZE)
        failures: list[str] = []
        window.open_failed.connect(lambda sentence: (failures.append(sentence), app.quit()))

        def shoot() -> None:
            OUT.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(OUT)):
                failures.append(f"could not write {OUT}")
            app.quit()

        window.data_ready.connect(lambda: QTimer.singleShot(SETTLE_MS, shoot))
        window.show()
        app.exec()
        window.close_database()
    if failures:
        print(f"render_screenshot: {failures[0]}", file=sys.stderr)
        return 1
    print(f"Wrote {OUT}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
