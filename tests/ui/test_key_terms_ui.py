"""Key terms as a student meets them: in the Phase notes under the section they belong to,
added, edited, deleted and undone there, found by search, and asked on a Review card."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from studyapp.db.operations.base import perform
from studyapp.db.operations.review import RateCard
from studyapp.db.services import review
from studyapp.db.services.key_terms import list_key_terms
from studyapp.domain.changes import Kind
from studyapp.domain.scheduling import Rating
from studyapp.ui.notes.tab import NotesTab
from studyapp.ui.review.tab import ReviewTab


@pytest.fixture
def notes(open_tab, tab_context):
    widget = open_tab(NotesTab)  # NotesTab listens to the bus itself
    return widget


def _term(notes: NotesTab, term: str):
    return next(t for t in notes.key_terms.terms() if t.term == term)


def _fill(qtbot, dialog, term: str, meaning: str) -> None:
    dialog.term_edit.clear()
    qtbot.keyClicks(dialog.term_edit, term)
    dialog.meaning_edit.clear()
    qtbot.keyClicks(dialog.meaning_edit, meaning)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_a_section_shows_its_key_terms_and_all_sections_shows_every_one(notes, session_factory,
                                                                          topic):  # fmt: skip
    aims = next(s for s in notes.sections._sections.values() if s.title == "Aims and methods")
    notes.select_section(aims.id)
    shown = [t.term for t in notes.key_terms.terms()]
    assert shown == ["Comintern", "World revolution", "Diplomatic isolation", "Five-Year Plan"]
    assert "Comintern — The Communist International" in notes.key_terms.view.toPlainText()
    notes.key_terms.all_sections.setChecked(True)
    assert len(notes.key_terms.terms()) == len(list_key_terms(session_factory, topic.id)) == 25
    advice = next(s for s in notes.sections._sections.values() if s.key == "exam-advice")
    notes.key_terms.all_sections.setChecked(False)
    notes.select_section(advice.id)
    assert notes.key_terms.terms() == [] and notes.key_terms.empty_label.isVisibleTo(notes)


def test_add_edit_delete_a_term_with_undo(qtbot, notes, tab_context):
    phase1 = next(s for s in notes.sections._sections.values() if s.key == "phase-1")
    notes.select_section(phase1.id)
    qtbot.mouseClick(notes.key_terms.add_button, Qt.MouseButton.LeftButton)
    dialog = notes.term_dialog
    assert dialog is not None and dialog.section_id() == phase1.id  # the shown section
    _fill(qtbot, dialog, "", "Nothing to name")
    assert notes.term_dialog is dialog and "needs the term" in dialog.error_label.text()
    _fill(qtbot, dialog, "Robber's den", "Lenin's name for the League of Nations.")
    assert notes.term_dialog is None
    added = _term(notes, "Robber's den")
    assert added.is_own and notes.key_terms.selected == added
    assert "[your own]" in notes.key_terms.view.toPlainText()

    qtbot.mouseClick(notes.key_terms.edit_button, Qt.MouseButton.LeftButton)
    _fill(qtbot, notes.term_dialog, "Robbers' den", "Lenin's scornful name for the League.")
    assert _term(notes, "Robbers' den").meaning == "Lenin's scornful name for the League."

    qtbot.mouseClick(notes.key_terms.delete_button, Qt.MouseButton.LeftButton)
    assert all(t.id != added.id for t in notes.key_terms.terms())
    tab_context.undo_stack.undo()  # the delete
    assert _term(notes, "Robbers' den").id == added.id
    tab_context.undo_stack.undo()  # the edit
    assert _term(notes, "Robber's den").meaning == "Lenin's name for the League of Nations."
    tab_context.undo_stack.undo()  # the add
    assert all(t.id != added.id for t in notes.key_terms.terms())


def test_search_opens_a_term_in_its_section(notes):
    from studyapp.db.search import search

    found = search(notes._context.session_factory, "Comintern", topic_id=notes._context.topic_id)
    hit = next(hit for hit in found.results
               if hit.kind is Kind.KEY_TERM and hit.plain_title == "Comintern")  # fmt: skip
    assert notes.select(Kind.KEY_TERM, hit.id)
    selected = notes.key_terms.selected
    assert selected is not None and selected.id == hit.id
    assert notes.current_section().title == selected.section_title


def test_a_term_added_in_the_notes_is_asked_in_the_review_session(qtbot, notes, open_tab,
                                                                   tab_context, session_factory,
                                                                   topic):  # fmt: skip
    now = review.utc_now()
    for card in review.due_cards(session_factory, topic.id, now, limit=10_000):
        perform(session_factory, RateCard(card.id, Rating.EASY, now))  # all learnt: none due
    tab = open_tab(ReviewTab)
    tab_context.bus.changed.connect(tab.on_changed)
    assert tab.session.current is None  # the summary: nothing due

    qtbot.mouseClick(notes.key_terms.add_button, Qt.MouseButton.LeftButton)
    _fill(qtbot, notes.term_dialog, "Robber's den", "Lenin's name for the League of Nations.")

    card = tab.session.current
    assert card is not None and card.kind == "key-term"
    assert tab.card_view.prompt.text() == "What does this term mean?\nRobber's den"
    qtbot.mouseClick(notes.key_terms.edit_button, Qt.MouseButton.LeftButton)  # reworded now:
    _fill(qtbot, notes.term_dialog, "Robbers' den", "Lenin's name for the League of Nations.")
    assert tab.card_view.prompt.text() == "What does this term mean?\nRobbers' den"  # the card too
    tab.pages.setCurrentIndex(0)
    qtbot.mouseClick(tab.card_view.reveal_button, Qt.MouseButton.LeftButton)
    assert tab.card_view.answer.isVisible()
    assert tab.card_view.answer.text() == "Lenin's name for the League of Nations."
    qtbot.mouseClick(tab.card_view.rating_buttons[Rating.GOOD], Qt.MouseButton.LeftButton)
    with session_factory() as session:
        logs = session.execute(text("SELECT card_id, rating FROM review_log "
                                    "WHERE card_id = :id"), {"id": card.id}).all()  # fmt: skip
    assert [tuple(row) for row in logs] == [(card.id, 3)]


def test_the_window_opens_a_search_result_for_a_term_in_the_phase_notes(main_window):
    from studyapp.db.search import search
    from studyapp.ui.tabs import TABS, tab_for

    factory = main_window.database.session_factory
    found = search(factory, "scorched earth").results
    hit = next(h for h in found if h.kind is Kind.KEY_TERM)
    assert main_window.open_item(hit.kind, hit.id)
    assert TABS[main_window.current_tab_index()].class_name == "NotesTab"
    notes = main_window.tabs[tab_for(Kind.KEY_TERM)]
    assert notes.key_terms.selected.term == "Scorched earth"
    assert "Scorched earth" in notes.key_terms.view.toPlainText()
