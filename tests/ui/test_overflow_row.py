"""A row of buttons never cuts a button's text: what does not fit goes into "More"."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from studyapp.ui.widgets.overflow_row import OverflowRow

TEXTS = ["Edit text…", "Annotate…", "Mark learnt", "Highlight", "Add item…", "Delete item"]


@pytest.fixture
def row(qtbot) -> OverflowRow:
    row = OverflowRow([QPushButton(text) for text in TEXTS])
    qtbot.addWidget(row)
    row.show()
    return row


def _whole(row: OverflowRow) -> bool:
    """Every button in the row is shown at least as wide as it asks to be."""
    shown = [button for button in row.buttons if button.isVisible()]
    return bool(shown) and all(button.width() >= button.sizeHint().width() for button in shown)


def test_a_wide_row_shows_every_button_and_no_more_button(row, qtbot):
    row.resize(1200, 40)
    qtbot.waitUntil(lambda: row.width() == 1200 and _whole(row))  # laid out on the next turn
    assert all(button.isVisible() for button in row.buttons)
    assert not row.more_button.isVisible()


def _needed(buttons) -> int:
    return sum(button.sizeHint().width() for button in buttons) + 6 * (len(buttons) - 1)


@pytest.mark.parametrize("share", [0.95, 0.7, 0.45])
def test_a_narrow_row_puts_the_last_buttons_in_more_whole(row, qtbot, share):
    width = max(int(_needed(row.buttons) * share),
                _needed([row.buttons[0], row.more_button]))  # fmt: skip
    row.resize(width, 40)
    qtbot.waitUntil(lambda: row.width() == width and _whole(row))  # laid out on the next turn
    visible = [button.isVisible() for button in row.buttons]
    assert visible == sorted(visible, reverse=True)  # the first ones stay, in order
    assert visible[0] and not visible[-1] and row.more_button.isVisible()
    last = max(button.geometry().right() for button in (*row.buttons, row.more_button)
               if button.isVisible())  # fmt: skip
    assert last < width


def test_more_lists_the_buttons_left_out_and_clicks_them(row, qtbot):
    row.resize(480, 40)
    qtbot.waitUntil(lambda: row.more_button.isVisible())
    clicked: list[str] = []
    for button in row.buttons:
        text = button.text()
        button.clicked.connect(lambda _checked=False, t=text: clicked.append(t))
    row.buttons[-1].setEnabled(False)
    menu = row.more_button.menu()
    menu.aboutToShow.emit()
    actions = menu.actions()
    left_out = [button for button in row.buttons if not button.isVisible()]
    assert [a.text() for a in actions] == [b.text() for b in left_out]
    assert [a.isEnabled() for a in actions] == [b.isEnabled() for b in left_out]
    actions[0].trigger()
    assert clicked == [left_out[0].text()]


def test_widening_brings_the_buttons_back(row, qtbot):
    row.resize(300, 40)
    qtbot.waitUntil(lambda: row.more_button.isVisible())
    row.resize(1200, 40)
    qtbot.waitUntil(lambda: not row.more_button.isVisible())
    assert all(button.isVisible() for button in row.buttons)
