"""The factor board re-orders its cards by moving them in its layout, and a deleted factor's
card leaves the layout at once. (It used to empty the layout with `takeAt` and fill it again:
PySide does not take ownership of a taken item, so each re-order leaked every item.)"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel

from studyapp.ui.factors.board import FactorBoard


def _layout_item_wrappers() -> int:
    return sum(type(w).__name__ in ("QSpacerItem", "QWidgetItem")
               for w in shiboken6.getAllValidWrappers())  # fmt: skip


def _shown_order(board: FactorBoard) -> list[int]:
    """The cards from top to bottom, as laid out on screen."""
    return sorted(board.cards, key=lambda i: board.cards[i].geometry().top())


def test_cards_follow_each_new_order_and_a_removed_card_leaves_at_once(qtbot):
    board = FactorBoard()
    qtbot.addWidget(board)
    board.cards = {i: QLabel(f"factor {i}", board) for i in (1, 2, 3, 4)}
    board.resize(300, 400)
    board.show()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # earlier tests' widgets
    before = _layout_item_wrappers()
    for order in ([1, 2, 3, 4], [4, 3, 2, 1], [2, 4, 1, 3], [2, 4, 1, 3]):
        board.arrange(order)
        board.layout().activate()
        assert [board.layout().indexOf(board.cards[i]) for i in order] == [0, 1, 2, 3]
        assert _shown_order(board) == order
    assert board.layout().count() == 5  # four cards and the stretch below them, no more
    gone = board.cards[4]
    board.remove_card(4)
    board.arrange([2, 1, 3])
    board.layout().activate()
    assert board.layout().indexOf(gone) == -1 and board.layout().count() == 4
    assert _shown_order(board) == [2, 1, 3]
    assert _layout_item_wrappers() <= before  # (others' wrappers may go meanwhile; none come)
