"""Screenshot every tab in the light and dark themes, for the README and the AppStream file.

    make screenshots        (or: .venv/bin/python packaging/render_screenshots.py)
    .venv/bin/python packaging/render_screenshots.py --size 900x600 --out /tmp/look

Renders offscreen at 1280×800 on a fresh first run in a temporary data folder (the real
profile is untouched), after a few edits made through the app's own operations — an annotated
and learnt note, a rated and justified factor, a point of the student's own, a reviewed card,
an event they added — so no tab is empty. Writes resources/screenshots/<tab>-<theme>.png as
8-bit PNGs (small enough to commit) and prints each file with its size.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from studyapp import paths  # noqa: E402
from studyapp.ui.main_window import MainWindow  # noqa: E402
from studyapp.ui.theme.manager import MODE_KEY  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots"
SIZE = (1280, 800)
TAB_FILES = ("timeline", "notes", "factors", "arguments", "review")


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def student_edits(window: MainWindow) -> None:
    """A few edits a student would have made after an evening's work, through the operations."""
    from studyapp.db.operations.arguments import add_point, set_judgement
    from studyapp.db.operations.events import EventFields, add_event
    from studyapp.db.operations.factors import justify_factor, rate_factor
    from studyapp.db.operations.notes import annotate_item, set_highlighted, set_learnt
    from studyapp.db.operations.review import RateCard
    from studyapp.db.services.arguments import list_questions
    from studyapp.db.services.factors import list_factors
    from studyapp.db.services.notes import section_items, section_tree, walk
    from studyapp.db.services.review import due_cards, utc_now
    from studyapp.domain.scheduling import Rating

    assert window.context is not None
    assert window.database is not None
    sessions, topic = window.database.session_factory, window.context.topic_id
    run = window.runner.run
    sections = (section for section, _depth in walk(section_tree(sessions, topic)))
    items = next(found for s in sections if len(found := section_items(sessions, s.id)) > 2)
    run(annotate_item(items[0].id, "Learn the **three** aims: security, revolution, trade."))
    run(set_learnt(items[0].id, True))
    run(set_highlighted(items[1].id, True))
    factors = list_factors(sessions, topic)
    run(rate_factor(factors[0].id, 5))
    run(justify_factor(factors[0].id, "Without the state's control of industry nothing else "
                                      "would have been possible."))  # fmt: skip
    question = list_questions(sessions, topic)[0]
    run(add_point(question.id, "for", "Stalin's caution until 1941 bought time to rearm",
                  "The Pact gave the USSR 22 months.", weight=4))  # fmt: skip
    run(set_judgement(question.id, "Security came first, ideology second.", ""))
    now = utc_now()
    for card in due_cards(sessions, topic, now)[:3]:
        run(RateCard(card.id, Rating.GOOD, now))
    mine = EventFields("My revision test", "1941-06-22", category="war",
                       description="Operation Barbarossa, from memory.")  # fmt: skip
    run(add_event(topic, mine))


def save_small(window: MainWindow, path: Path) -> int:
    """An 8-bit PNG: the 256 commonest colours (a flat UI needs few) and no dithering, whose
    noise would defeat the compression; anti-aliased text takes its nearest colour."""
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = memoryview(image.constBits()).cast("I")  # type: ignore[arg-type]
    table = [colour for colour, _n in Counter(pixels).most_common(256)]
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    small = image.convertToFormat(QImage.Format.Format_Indexed8, table, flags)
    if not small.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path.stat().st_size


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Screenshot every tab, light and dark.")
    parser.add_argument("--size", default="x".join(map(str, SIZE)), help="e.g. 900x600")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    out: Path = args.out
    _app = QApplication(sys.argv[:1])  # kept alive for the whole run
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        data = paths.resolve(home)
        data.config.mkdir(parents=True, exist_ok=True)
        QSettings(str(data.config / "window.ini"), QSettings.Format.IniFormat).setValue(
            MODE_KEY, "light")
        window = MainWindow(data)
        window.resize(*size)
        failures: list[str] = []
        window.open_failed.connect(failures.append)
        window.show()
        for _ in range(200):  # the notes open on a worker thread; the other tabs follow
            wait(50)
            if failures or len(window.tabs) == len(TAB_FILES):
                break
        if failures or len(window.tabs) != len(TAB_FILES):
            print(f"render_screenshots: {failures[0] if failures else 'the tabs never opened'}",
                  file=sys.stderr)  # fmt: skip
            return 1
        student_edits(window)
        for theme in ("light", "dark"):
            window.theme.set_mode(theme)
            for index, name in enumerate(TAB_FILES):
                window.go_to_tab(index)
                window.tabs[index].setFocus()  # the page, not the tab bar, as after a click
                wait(300)
                path = out / f"{name}-{theme}.png"
                print(f"{path}  {save_small(window, path) // 1024} KB")
        window.close()
        window.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
