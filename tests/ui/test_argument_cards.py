"""The point cards' cached heights: a long column shows at once with a screenful measured and
ends with every card exactly as tall as its text; an edit or a new width never leaves a card
at a stale height; selecting a card far down a column not yet measured scrolls to it."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from studyapp.db.operations.arguments import add_point, edit_point
from studyapp.db.operations.base import perform
from studyapp.db.services.arguments import PointRow, list_points, list_questions
from studyapp.ui.arguments.model import CARD_MARGIN, HTML_ROLE, PointCardDelegate, PointListModel
from studyapp.ui.arguments.tab import ArgumentsTab
from studyapp.ui.arguments.view import PointListView
from studyapp.ui.theme import document_css

MANY = 90  # more cards than a screen holds, more than one layout pass measures


def exact_height(view, row: int) -> int:
    """Measured from scratch, as the delegate measured every card before it cached them."""
    document = QTextDocument()
    document.setDocumentMargin(CARD_MARGIN)
    document.setDefaultFont(view.font())
    document.setDefaultStyleSheet(document_css())
    document.setHtml(view.model().index(row, 0).data(HTML_ROLE))
    delegate = view.itemDelegate()
    document.setTextWidth(max(delegate.card_width(), 120))
    return math.ceil(document.size().height())


def cards_exact(view) -> bool:
    """Each card's place follows from the exact heights of the cards above it (a list asks the
    delegate for a card's height again when asked for its rectangle, but places it where the
    last layout put it)."""
    model = view.model()
    tops = [view.visualRect(model.index(row, 0)).top() for row in range(model.rowCount())]
    gaps = {tops[row + 1] - tops[row] - exact_height(view, row) for row in range(len(tops) - 1)}
    return len(gaps) <= 1 and all(
        view.visualRect(model.index(row, 0)).height() == exact_height(view, row)
        for row in range(model.rowCount()))  # fmt: skip


def test_a_long_column_shows_a_screenful_first_then_every_card_exactly(qtbot, monkeypatch):
    # One card per turn of the event loop: measuring 300 outlasts the list's own delayed
    # layout, so the cards end exact only because the delegate lays the list out again.
    monkeypatch.setattr(PointCardDelegate, "CHUNK", 1)
    view = PointListView()
    qtbot.addWidget(view)
    model = PointListModel(view)
    view.setModel(model)
    view.resize(320, 600)
    view.show()
    qtbot.waitExposed(view)
    claims = [f"Point {n}: " + "the pact bought time " * (1 + n % 7) for n in range(300)]
    model.reset_rows([PointRow(n, f"p{n}", 1, "for", claim, "", 1 + n % 5, "", n)
                      for n, claim in enumerate(claims)])  # fmt: skip
    view.doItemsLayout()
    delegate = view.itemDelegate()
    assert isinstance(delegate, PointCardDelegate)
    waiting = delegate.unmeasured_rows()
    assert 200 < len(waiting) < 300  # a screenful measured, the rest guessed for now
    assert view.visualRect(model.index(0, 0)).height() == exact_height(view, 0)
    qtbot.waitUntil(lambda: not delegate.unmeasured_rows(), timeout=20_000)
    qtbot.wait(10)
    assert cards_exact(view)


@pytest.fixture
def long_column(tab_context):
    """The first question with MANY more points on its first side, each a different length."""
    sf = tab_context.session_factory
    question = list_questions(sf, tab_context.topic_id)[0]
    side = question.sides[0]
    for n in range(MANY):
        claim = f"Point {n}: " + " ".join(["the pact bought time"] * (1 + n % 7))
        perform(sf, add_point(question.id, side, claim, "Because.", 1 + n % 5))
    return question


def test_an_edited_card_gets_the_height_of_its_new_text(qtbot, open_tab, tab_context):
    tab = open_tab(ArgumentsTab)
    column = tab.columns[0]
    view = column.view
    qtbot.waitUntil(lambda: cards_exact(view), timeout=5_000)
    point = column.model.rows[0]
    before = view.visualRect(view.model().index(0, 0)).height()
    longer = point.claim + " " + " ".join(["and it also bought the Baltic states"] * 6)
    tab_context.operations.run(edit_point(point.id, claim=longer))
    assert column.model.rows[0].claim == longer
    assert view.visualRect(view.model().index(0, 0)).height() > before
    assert cards_exact(view)


def test_a_new_width_measures_the_cards_again(qtbot, open_tab, long_column):
    tab = open_tab(ArgumentsTab)
    view = tab.columns[0].view
    delegate = view.itemDelegate()
    qtbot.waitUntil(lambda: not delegate.unmeasured_rows(), timeout=10_000)
    wide = view.visualRect(view.model().index(0, 0)).width()
    tab.resize(900, 600)
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(0, 0)).width() < wide,
                    timeout=5_000)  # fmt: skip
    qtbot.waitUntil(lambda: not delegate.unmeasured_rows(), timeout=10_000)
    qtbot.waitUntil(lambda: cards_exact(view), timeout=5_000)


def test_selecting_a_card_far_down_a_fresh_column_scrolls_to_it(qtbot, open_tab, tab_context,
                                                                  long_column):  # fmt: skip
    tab = open_tab(ArgumentsTab)
    column = tab.columns[0]
    last = list_points(tab_context.session_factory, long_column.id)
    target = [p for p in last if p.side == column.side][-1]
    assert column.select_point(target.id)
    rect = column.view.visualRect(column.view.currentIndex())
    viewport = column.view.viewport().rect()
    assert viewport.contains(rect.topLeft()) and rect.height() > 0
    QApplication.processEvents()
    assert column.current_point() == target
