"""The Argument builder tab, used as a student would: choose a question, act on the selected
card by key or by its context menu, fill the forms, type the judgement; then read the database
through the services to prove each change was saved, and undo and redo it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studyapp.db.services.arguments import get_judgement, list_points, list_questions
from studyapp.ui.arguments.dialogs import PointDialog, QuestionDialog
from studyapp.ui.arguments.tab import ArgumentsTab

LEFT, RIGHT = 0, 1


@pytest.fixture
def tab(open_tab):
    return open_tab(ArgumentsTab)


@pytest.fixture
def messages(tab):
    return tab.messages


def question(tab_context, source: str):
    questions = list_questions(tab_context.session_factory, tab_context.topic_id)
    return next(q for q in questions if q.exam_source == source)


def points(tab_context, source: str = "Specimen", side: str | None = None):
    rows = list_points(tab_context.session_factory, question(tab_context, source).id)
    return [p for p in rows if side is None or p.side == side]


def claims(tab_context, side: str, source: str = "Specimen") -> list[str]:
    return [p.claim for p in points(tab_context, source, side)]


def shown_claims(tab: ArgumentsTab, column: int) -> list[str]:
    model = tab.columns[column].model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose_question(tab: ArgumentsTab, source: str) -> None:
    model = tab.question_model
    row = next(r for r, q in enumerate(model.rows) if q.exam_source == source)
    tab.question_list.setCurrentIndex(model.index(row, 0))


def key(qtbot, tab: ArgumentsTab, column: int, key, modifier=Qt.KeyboardModifier.NoModifier):
    view = tab.columns[column].view
    view.setFocus()
    qtbot.keyClick(view, key, modifier)


def listed_sources(tab: ArgumentsTab) -> list[str]:
    return [q.exam_source for q in tab.question_model.rows]


def click_point(qtbot, tab: ArgumentsTab, column: int, row: int) -> None:
    view = tab.columns[column].view
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentIndex().row() == row


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_add_dialog(qtbot, tab: ArgumentsTab, column: int) -> PointDialog:
    click(qtbot, tab.columns[column].add_button)
    dialog = tab.active_dialog
    assert isinstance(dialog, PointDialog) and dialog.isVisible()
    return dialog


def test_the_specimen_opens_with_two_for_and_three_against_points(tab, tab_context):
    specimen = question(tab_context, "Specimen")
    assert tab.question_list.currentIndex().data() == f"Specimen — {specimen.text}"  # whole
    assert tab.question_text.text() == specimen.text
    assert tab.question_meta.text() == "Specimen · Paper 3 · Command term: To what extent"
    assert tab.layout_combo.currentText() == "As the question asks"
    assert [c.heading.text() for c in tab.columns] == ["For", "Against"]
    assert shown_claims(tab, LEFT) == claims(tab_context, "for")
    assert len(shown_claims(tab, LEFT)) == 2
    assert shown_claims(tab, RIGHT) == claims(tab_context, "against")
    assert len(shown_claims(tab, RIGHT)) == 3
    weight_for = sum(p.weight for p in points(tab_context, side="for"))
    weight_against = sum(p.weight for p in points(tab_context, side="against"))
    assert tab.balance.text() == (
        f"For: 2 points, weight {weight_for} · Against: 3 points, weight {weight_against}"
    )
    assert listed_sources(tab) == ["Specimen", "Nov 2008", "May 2007"]
    assert tab.balance_bar.weights == (("for", weight_for), ("against", weight_against))


def test_a_compare_question_has_similarities_and_differences_columns(tab, tab_context):
    choose_question(tab, "May 2007")
    assert [c.heading.text() for c in tab.columns] == ["Similarities", "Differences"]
    assert tab.question_text.text().startswith("Compare and contrast the foreign policies")
    assert shown_claims(tab, LEFT) == claims(tab_context, "similarity", "May 2007")
    assert shown_claims(tab, RIGHT) == claims(tab_context, "difference", "May 2007")
    assert tab.balance.text() == (
        "Similarities: 2 points, weight 7 · Differences: 2 points, weight 7"
    )
    assert tab.columns[LEFT].view.other_side == "difference"
    assert tab.columns[RIGHT].view.other_side == "similarity"


def test_a_point_with_an_empty_claim_is_refused_with_a_sentence(qtbot, tab, tab_context):
    before = points(tab_context)
    dialog = open_add_dialog(qtbot, tab, LEFT)
    qtbot.keyClicks(dialog.explanation, "An explanation without a claim.")
    click(qtbot, dialog.ok_button)

    assert dialog.isVisible()  # still open, with what the student typed
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Write the claim first: a point needs a claim."
    assert points(tab_context) == before
    assert tab_context.undo_stack.count() == 0

    qtbot.keyClicks(dialog.claim, "   ")  # spaces are not a claim either
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and points(tab_context) == before


def test_adding_a_point_saves_it_and_undo_redo_work(qtbot, tab, tab_context, messages):
    dialog = open_add_dialog(qtbot, tab, RIGHT)
    qtbot.keyClicks(dialog.claim, "Truman's Doctrine divided Europe first.")
    qtbot.keyClicks(dialog.explanation, "Containment was announced in March 1947.")
    dialog.weight.selectAll()
    qtbot.keyClicks(dialog.weight, "5")
    qtbot.keyClicks(dialog.counter, "But Stalin had already built the satellite states.")
    click(qtbot, dialog.ok_button)

    added = points(tab_context, side="against")[-1]
    assert added.claim == "Truman's Doctrine divided Europe first."
    assert added.explanation == "Containment was announced in March 1947."
    assert (added.weight, added.side) == (5, "against")
    assert added.counter == "But Stalin had already built the satellite states."
    assert shown_claims(tab, RIGHT)[-1] == added.claim
    assert tab.columns[RIGHT].current_point().id == added.id
    assert "Against: 4 points" in tab.balance.text()
    assert messages[-1] == "Added “Truman's Doctrine divided Europe first.” to Against."

    tab_context.undo_stack.undo()
    assert len(points(tab_context, side="against")) == 3
    assert added.claim not in shown_claims(tab, RIGHT)
    tab_context.undo_stack.redo()
    assert points(tab_context, side="against")[-1] == added  # the same row, same id
    assert shown_claims(tab, RIGHT)[-1] == added.claim


def test_editing_a_point_saves_it_and_undo_redo_work(qtbot, tab, tab_context):
    original = points(tab_context, side="for")[1]
    click_point(qtbot, tab, LEFT, 1)
    click(qtbot, tab.detail.edit_button)
    dialog = tab.active_dialog
    assert dialog.claim.toPlainText() == original.claim
    assert dialog.weight.value() == original.weight
    dialog.claim.selectAll()
    qtbot.keyClicks(dialog.claim, "The Berlin Blockade was a deliberate challenge.")
    dialog.weight.selectAll()
    qtbot.keyClicks(dialog.weight, "5")
    click(qtbot, dialog.ok_button)

    edited = points(tab_context, side="for")[1]
    assert (edited.id, edited.claim, edited.weight) == (
        original.id,
        "The Berlin Blockade was a deliberate challenge.",
        5,
    )
    assert edited.explanation == original.explanation
    assert shown_claims(tab, LEFT)[1] == edited.claim

    tab_context.undo_stack.undo()
    assert points(tab_context, side="for")[1] == original
    assert shown_claims(tab, LEFT)[1] == original.claim
    tab_context.undo_stack.redo()
    assert points(tab_context, side="for")[1].claim == edited.claim


def test_deleting_a_point_says_how_to_get_it_back(qtbot, tab, tab_context, messages):
    doomed = points(tab_context, side="against")[0]
    click_point(qtbot, tab, RIGHT, 0)
    key(qtbot, tab, RIGHT, Qt.Key.Key_Delete)

    assert doomed.id not in [p.id for p in points(tab_context)]
    assert doomed.claim not in shown_claims(tab, RIGHT)
    assert messages[-1].startswith("Deleted “")
    assert messages[-1].endswith("” — Ctrl+Z brings it back.")
    assert "Against: 2 points" in tab.balance.text()

    tab_context.undo_stack.undo()
    assert points(tab_context, side="against")[0] == doomed
    assert shown_claims(tab, RIGHT)[0] == doomed.claim
    tab_context.undo_stack.redo()
    assert doomed.id not in [p.id for p in points(tab_context)]


def test_moving_points_with_alt_arrows_is_undoable(qtbot, tab, tab_context, messages):
    original = claims(tab_context, "against")
    click_point(qtbot, tab, RIGHT, 0)
    key(qtbot, tab, RIGHT, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert claims(tab_context, "against") == [original[1], original[0], original[2]]
    assert tab.columns[RIGHT].current_point().claim == original[0]  # the selection followed

    tab.columns[RIGHT].view.setFocus()
    qtbot.keyClick(tab.columns[RIGHT].view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert claims(tab_context, "against") == [original[1], original[2], original[0]]
    assert shown_claims(tab, RIGHT) == claims(tab_context, "against")
    key(qtbot, tab, RIGHT, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert messages[-1] == "That point is already last in its column."

    tab_context.undo_stack.undo()
    tab_context.undo_stack.undo()
    assert claims(tab_context, "against") == original == shown_claims(tab, RIGHT)
    tab_context.undo_stack.redo()
    assert claims(tab_context, "against") == [original[1], original[0], original[2]]


def test_moving_a_point_to_the_other_side_is_undoable(qtbot, tab, tab_context):
    point = points(tab_context, side="for")[0]
    click_point(qtbot, tab, LEFT, 0)
    key(qtbot, tab, LEFT, Qt.Key.Key_S)  # one key

    assert claims(tab_context, "for") == [points(tab_context, side="for")[0].claim]
    assert claims(tab_context, "against")[-1] == point.claim
    assert shown_claims(tab, RIGHT)[-1] == point.claim
    assert tab.columns[RIGHT].current_point().id == point.id
    assert tab.balance.text().startswith("For: 1 point, ")

    tab_context.undo_stack.undo()
    assert points(tab_context, side="for")[0] == point
    assert shown_claims(tab, LEFT)[0] == point.claim
    tab_context.undo_stack.redo()
    assert claims(tab_context, "against")[-1] == point.claim


def test_a_new_question_is_saved_and_chosen(qtbot, tab, tab_context):
    click(qtbot, tab.new_question_button)
    dialog = tab.active_dialog
    assert isinstance(dialog, QuestionDialog)
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    sentence = "Write the question first: an empty question cannot be saved."
    assert dialog.error_label.text() == sentence
    assert len(list_questions(tab_context.session_factory, tab_context.topic_id)) == 3

    qtbot.keyClicks(dialog.text, "Compare and contrast Soviet aims in 1939 and 1945.")
    click(qtbot, dialog.ok_button)

    mine = question(tab_context, "My question")
    assert mine.text == "Compare and contrast Soviet aims in 1939 and 1945."
    assert mine.command_term == "Compare and contrast"
    assert tab.current_question() == mine
    assert tab.question_list.currentIndex().data().startswith("My question — Compare and")
    assert [c.heading.text() for c in tab.columns] == ["Similarities", "Differences"]

    tab_context.undo_stack.undo()
    assert len(list_questions(tab_context.session_factory, tab_context.topic_id)) == 3
    assert tab.current_question().exam_source == "Specimen"
    assert tab.question_model.rowCount() == 3
    tab_context.undo_stack.redo()
    assert question(tab_context, "My question") == mine
    assert tab.current_question() == mine


def test_points_of_a_new_question_survive_undo_and_redo(qtbot, tab, tab_context):
    click(qtbot, tab.new_question_button)
    qtbot.keyClicks(tab.active_dialog.text, "Evaluate Stalin's aims at Yalta.")
    click(qtbot, tab.active_dialog.ok_button)
    dialog = open_add_dialog(qtbot, tab, LEFT)
    qtbot.keyClicks(dialog.claim, "He wanted a buffer zone in Poland.")
    click(qtbot, dialog.ok_button)

    for _ in range(2):
        tab_context.undo_stack.undo()
    for _ in range(2):
        tab_context.undo_stack.redo()
    assert claims(tab_context, "for", "My question") == ["He wanted a buffer zone in Poland."]
    assert shown_claims(tab, LEFT) == ["He wanted a buffer zone in Poland."]


def test_the_judgement_is_saved_after_a_pause_and_undoable(qtbot, tab, tab_context):
    specimen = question(tab_context, "Specimen").id
    thesis, conclusion = tab.judgement.thesis, tab.judgement.conclusion
    qtbot.keyClicks(thesis, "Stalin was largely, but not solely, responsible.")
    qtbot.waitUntil(lambda: get_judgement(tab_context.session_factory, specimen).thesis != "")
    qtbot.keyClicks(conclusion, "Security drove him; the West read it as expansion.")
    qtbot.waitUntil(lambda: get_judgement(tab_context.session_factory, specimen).conclusion != "")

    saved = get_judgement(tab_context.session_factory, specimen)
    assert saved.thesis == "Stalin was largely, but not solely, responsible."
    assert saved.conclusion == "Security drove him; the West read it as expansion."
    assert tab_context.undo_stack.count() == 2  # one command per burst of typing

    tab_context.undo_stack.undo()
    assert get_judgement(tab_context.session_factory, specimen).conclusion == ""
    assert conclusion.toPlainText() == "" and thesis.toPlainText() == saved.thesis
    tab_context.undo_stack.undo()
    assert get_judgement(tab_context.session_factory, specimen).thesis == ""
    assert thesis.toPlainText() == ""
    tab_context.undo_stack.redo()
    assert thesis.toPlainText() == saved.thesis


def test_switching_questions_saves_and_loads_each_judgement(qtbot, tab, tab_context):
    specimen = question(tab_context, "Specimen").id
    qtbot.keyClicks(tab.judgement.thesis, "Mostly Stalin.")
    choose_question(tab, "Nov 2008")  # before the pause has passed

    assert get_judgement(tab_context.session_factory, specimen).thesis == "Mostly Stalin."
    assert tab.current_question().exam_source == "Nov 2008"
    assert tab.judgement.thesis.toPlainText() == ""
    assert shown_claims(tab, LEFT) == claims(tab_context, "for", "Nov 2008")  # the starters

    choose_question(tab, "Specimen")
    assert tab.judgement.thesis.toPlainText() == "Mostly Stalin."
    assert len(shown_claims(tab, RIGHT)) == 3


def test_undo_shows_the_question_it_changed(qtbot, tab, tab_context):
    click_point(qtbot, tab, LEFT, 0)
    key(qtbot, tab, LEFT, Qt.Key.Key_Delete)
    choose_question(tab, "May 2007")

    tab_context.undo_stack.undo()
    assert tab.current_question().exam_source == "Specimen"
    assert len(shown_claims(tab, LEFT)) == 2


def test_the_keyboard_alone_can_add_edit_and_delete_points(qtbot, tab, tab_context):
    view = tab.columns[LEFT].view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    dialog = tab.active_dialog
    assert isinstance(dialog, PointDialog)
    qtbot.keyClicks(dialog.claim, "Stalin ignored the Declaration on Liberated Europe.")
    qtbot.keyClick(dialog.weight, Qt.Key.Key_Return)  # Enter in a one-line field means OK
    assert claims(tab_context, "for")[-1] == "Stalin ignored the Declaration on Liberated Europe."

    assert tab.columns[LEFT].current_point().claim.startswith("Stalin ignored")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert tab.active_dialog.claim.toPlainText().startswith("Stalin ignored")
    qtbot.mouseClick(
        tab.active_dialog.buttons.button(tab.active_dialog.buttons.StandardButton.Cancel),
        Qt.MouseButton.LeftButton,
    )
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(claims(tab_context, "for")) == 2
    assert tab_context.undo_stack.count() == 2
