"""`--startup-report` times the data when it is painted, not when the tab took its rows:
work queued in between (menus, a search index) would keep the student waiting as much."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QLabel

from studyapp.ui.app import StartupReporter


def _reporter(at_data: bool) -> tuple[StartupReporter, list[int]]:
    quits: list[int] = []
    return StartupReporter(time.time(), at_data, quit_app=lambda: quits.append(1)), quits


def test_the_data_counts_as_shown_at_the_next_paint(qtbot, capsys):
    reporter, quits = _reporter(at_data=True)
    reporter.painted()
    reporter.ready()
    time.sleep(0.03)  # the work queued before the paint
    QApplication.processEvents()  # nothing to paint yet
    assert reporter.data_ready_ms is None and capsys.readouterr().out == ""
    label = QLabel("the rows")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitUntil(lambda: reporter.data_ready_ms is not None)
    assert reporter.data_ready_ms >= reporter.first_paint_ms + 30
    qtbot.waitUntil(lambda: quits == [1])
    fields = dict(part.split("=") for part in capsys.readouterr().out.split())
    assert fields == {"first_paint_ms": str(reporter.first_paint_ms),
                      "data_ready_ms": str(reporter.data_ready_ms)}  # fmt: skip


def test_fully_started_waits_for_the_data_to_be_painted(qtbot, capsys):
    """A first run can open the ORM before its rows paint: fully started is the later one."""
    reporter, quits = _reporter(at_data=False)
    reporter.painted()
    reporter.ready()
    reporter.edits_ready()
    assert capsys.readouterr().out == ""  # the data is not on screen yet
    time.sleep(0.02)
    label = QLabel("the rows")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitUntil(lambda: quits == [1])
    fields = dict(part.split("=") for part in capsys.readouterr().out.split())
    assert int(fields["edits_ready_ms"]) == int(fields["data_ready_ms"]) == reporter.data_ready_ms
    reporter.edits_ready()  # reported once
    assert capsys.readouterr().out == ""
