"""The Argument builder's chip box re-flows its rows without leaving Python wrappers behind.

PySide's `addLayout` of a row that already holds widgets makes a wrapper for each of the row's
items and keeps it with the box's layout. Once the row was deleted, those wrappers named freed
memory; a widget Qt later made at the same address came back as a `QSpacerItem` (a flaky
failure in a later test). The box now puts each row in place before filling it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel

from studyapp.ui.arguments.view import FlowBox


def _layout_item_wrappers() -> int:
    return sum(type(w).__name__ in ("QSpacerItem", "QWidgetItem")
               for w in shiboken6.getAllValidWrappers())  # fmt: skip


def test_reflowing_the_chips_leaves_no_layout_item_wrappers(qtbot):
    box = FlowBox()
    qtbot.addWidget(box)
    box.resize(300, 200)
    box.show()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # earlier tests' widgets
    before = _layout_item_wrappers()
    for _round in range(3):  # two rows of chips each time, the old ones deleted
        box.set_widgets([QLabel(f"chip {i}") for i in range(8)], 200)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert _layout_item_wrappers() <= before  # (others' wrappers may go meanwhile; none come)
    rows = [box.layout().itemAt(i).layout() for i in range(box.layout().count())]
    assert len(rows) >= 2  # the chips did wrap
    assert sum(row.count() - 1 for row in rows) == 8  # every chip shown, and a stretch per row
