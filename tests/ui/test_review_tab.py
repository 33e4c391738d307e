"""The Review tab as a student uses it: a session by keyboard with undo, a chronology challenge
by keyboard, then the scheduling state read back — and a pack re-import that leaves it alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from sqlalchemy import text

from studyapp.db.pack_import import import_pack_file
from studyapp.db.services import review
from studyapp.domain.changes import Changes, Kind
from studyapp.ui.review.tab import PAGE_CARDS, PAGE_CHRONOLOGY, ReviewTab


@pytest.fixture
def tab(qtbot, tab_context, open_tab):
    """The tab wired as MainWindow wires it: bus → on_changed, Ctrl+Z on the shared stack."""
    widget = open_tab(ReviewTab)
    tab_context.bus.changed.connect(widget.on_changed)
    undo = tab_context.undo_stack.createUndoAction(widget)
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    widget.addAction(undo)
    widget.titles = []
    widget.title_changed.connect(widget.titles.append)
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.card_view.setFocus()
    return widget


def _logs(session_factory) -> list[tuple[int, int]]:
    with session_factory() as session:
        return [tuple(r) for r in session.execute(
            text("SELECT card_id, rating FROM review_log ORDER BY id"))]  # fmt: skip


def test_a_session_by_keyboard_with_undo_of_the_last_rating(qtbot, tab, session_factory, topic):
    first = tab.session.current
    assert tab.card_view.prompt.text() == first.prompt and not tab.card_view.answer.isVisible()
    where = tab.card_view.prompt.pos()
    qtbot.keyClick(tab.card_view, Qt.Key.Key_Space)
    assert tab.card_view.answer.isVisible() and tab.card_view.answer.text() == first.answer
    assert tab.card_view.prompt.pos() == where  # revealing never moves the question
    qtbot.keyClick(tab.card_view, Qt.Key.Key_3)
    second = tab.session.current
    assert second.id != first.id and not tab.card_view.answer.isVisible()
    qtbot.keyClick(tab.card_view, Qt.Key.Key_4)  # hidden answer: a rating does nothing yet
    assert _logs(session_factory) == [(first.id, 3)]
    qtbot.keyClick(tab.card_view, Qt.Key.Key_Space)
    qtbot.keyClick(tab.card_view, Qt.Key.Key_1)
    assert _logs(session_factory) == [(first.id, 3), (second.id, 1)]
    qtbot.keyClick(tab.card_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _logs(session_factory) == [(first.id, 3)]
    assert tab.session.current.id == second.id and not tab.session.revealed
    qtbot.keyClick(tab.card_view, Qt.Key.Key_Space)
    qtbot.keyClick(tab.card_view, Qt.Key.Key_4)
    assert _logs(session_factory) == [(first.id, 3), (second.id, 4)]
    easy = review.get_card(session_factory, second.id)
    assert easy.due > review.utc_now() and review.card_state(session_factory, second.id)
    due = review.due_count(session_factory, topic.id, review.utc_now())
    assert tab.titles[-1] == f"&Review ({due} due)"


def test_the_session_ends_with_a_summary(qtbot, tab, session_factory):
    tab.session.queue = tab.session.queue[:2]
    for _ in range(2):
        qtbot.keyClick(tab.card_view, Qt.Key.Key_Space)
        qtbot.keyClick(tab.card_view, Qt.Key.Key_3)
    assert tab.session_stack.currentWidget() is tab.summary_view
    assert tab.summary_view.heading.text() == "Session finished: 2 answers"
    assert "Good 2" in tab.summary_view.detail.text()


def test_a_chronology_challenge_by_keyboard_is_scored_and_kept(qtbot, tab, session_factory,
                                                               topic):  # fmt: skip
    tab.pages.setCurrentIndex(PAGE_CHRONOLOGY)
    order_list = tab.chronology_view.list
    right = [event.id for event in tab.challenge.right_order()]
    assert len(right) == 5 and order_list.order() != right
    order_list.setFocus()
    for place, event_id in enumerate(right):
        order_list.setCurrentRow(order_list.order().index(event_id))
        while order_list.currentRow() > place:
            qtbot.keyClick(order_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert order_list.order() == right
    order_list.setCurrentRow(0)
    qtbot.keyClick(order_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert order_list.order() == [right[1], right[0], *right[2:]]
    qtbot.keyClick(order_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.mouseClick(tab.chronology_view.check_button, Qt.MouseButton.LeftButton)
    assert tab.chronology_view.result.text().startswith("10 of 10 pairs in the right order")
    assert tab.challenge.right_order()[0].date_words in tab.chronology_view.result.text()
    kept = review.chronology_results(session_factory, topic.id)
    assert [(row.score, row.out_of) for row in kept] == [(10, 10)]
    assert "10/10" in tab.chronology_view.history.text()
    qtbot.keyClick(order_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert order_list.order() == right  # marked: the order can no longer change


def test_a_pack_reimport_leaves_what_was_learnt(qtbot, tab, tab_context, database, pack_file):
    for rating in (Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_4):
        qtbot.keyClick(tab.card_view, Qt.Key.Key_Space)
        qtbot.keyClick(tab.card_view, rating)

    def states() -> list[tuple]:
        with database.engine.connect() as connection:
            return list(connection.execute(text(
                "SELECT id, state_json, due, suspended FROM review_card ORDER BY id")))  # fmt: skip

    before, logs = states(), _logs(database.session_factory)
    import_pack_file(database.session_factory, pack_file())
    tab_context.bus.notify(Changes.everything())
    assert states() == before and _logs(database.session_factory) == logs


def test_select_opens_a_card_in_the_card_list(tab, session_factory, topic):
    card = review.list_cards(session_factory, topic.id)[5]
    assert tab.select(Kind.REVIEW_CARD, card.id)
    assert tab.pages.currentIndex() == PAGE_CARDS and tab.cards_view.current_id() == card.id
    assert not tab.select(Kind.EVENT, 1)


def test_suspending_a_card_from_the_list_is_undoable(qtbot, tab, tab_context, session_factory,
                                                     topic):  # fmt: skip
    card = review.list_cards(session_factory, topic.id)[0]
    tab.select(Kind.REVIEW_CARD, card.id)
    qtbot.mouseClick(tab.cards_view.buttons["suspend"], Qt.MouseButton.LeftButton)
    assert review.get_card(session_factory, card.id).suspended
    assert tab.cards_view.buttons["suspend"].text() == "Un&suspend"
    tab_context.undo_stack.undo()
    assert not review.get_card(session_factory, card.id).suspended


def test_a_refused_card_stays_in_its_form_with_the_reason(qtbot, tab, session_factory, topic):
    from studyapp.ui.review.cards_view import CardDialog

    before = len(review.list_cards(session_factory, topic.id))
    tab.pages.setCurrentIndex(PAGE_CARDS)
    qtbot.mouseClick(tab.cards_view.buttons["add"], Qt.MouseButton.LeftButton)
    dialog = tab.findChild(CardDialog)
    dialog.answer.setPlainText("Yezhov")
    dialog.accept()
    assert dialog.isVisible() and "question is empty" in dialog.error.text()
    dialog.prompt.setPlainText("Who led the NKVD in 1937?")
    dialog.accept()
    assert not dialog.isVisible()
    cards = review.list_cards(session_factory, topic.id)
    assert len(cards) == before + 1 and cards[0].prompt == "Who led the NKVD in 1937?"
    first = tab.cards_view.model.index(0)
    assert first.data().startswith("Your card: Who led the NKVD")


def test_a_card_suspended_or_reworded_mid_session_is_dropped_or_reworded(tab, tab_context):
    from studyapp.db.operations.review import EditCard, SetSuspended

    first, second = tab.session.queue[0], tab.session.queue[1]
    tab_context.operations.run(EditCard(second.id, "Reworded question?", "Reworded answer"))
    tab_context.operations.run(SetSuspended(first.id, True))
    assert tab.session.current.id == second.id
    assert tab.card_view.prompt.text() == "Reworded question?"
    assert first.id not in {card.id for card in tab.session.queue}



def test_the_registry_entry_for_the_lead_builds_a_tab(qtbot, tab_context):
    """The TabSpec to add to `TABS` builds this tab, and it meets the `Tab` protocol."""
    from studyapp.ui.tabs import Tab, TabSpec

    spec = TabSpec("&Review", "studyapp.ui.review.tab", "ReviewTab", (Kind.REVIEW_CARD,))
    widget = spec.build(tab_context)
    qtbot.addWidget(widget)
    assert isinstance(widget, Tab) and isinstance(widget, ReviewTab)


def test_target_recall_is_set_and_undone_from_the_progress_page(tab, tab_context, session_factory):
    tab.progress_view.retention.setValue(85)
    assert review.desired_retention(session_factory) == 0.85
    tab_context.undo_stack.undo()
    assert review.desired_retention(session_factory) == 0.9
    assert tab.progress_view.retention.value() == 90


def test_own_cards_come_in_from_csv_and_the_deck_goes_out(tab, tmp_path, monkeypatch,
                                                         session_factory, topic):  # fmt: skip
    from PySide6.QtWidgets import QFileDialog

    source = tmp_path / "mine.csv"
    source.write_text("question,answer\nWho led the NKVD in 1937?,Yezhov\n", "utf-8")
    deck = tmp_path / "deck.apkg"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(deck), ""))
    tab.cards_view.buttons["import"].click()
    assert review.list_cards(session_factory, topic.id)[0].answer == "Yezhov"
    tab.export_deck()
    assert deck.stat().st_size > 0 and tab.messages[-1].startswith("Wrote ")
    assert str(deck) in tab.messages[-1]  # the student's file, not the hidden one written first
    assert not list(tmp_path.glob(".*partial*"))  # no hidden half-file left beside it


def test_a_bad_csv_is_one_sentence_and_adds_nothing(tab, tmp_path, monkeypatch, session_factory,
                                                    topic):  # fmt: skip
    from PySide6.QtWidgets import QFileDialog

    source = tmp_path / "bad.csv"
    source.write_text("one,two,three\n", "utf-8")
    before = len(review.list_cards(session_factory, topic.id))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    tab.cards_view.buttons["import"].click()
    assert tab.messages[-1].startswith("Row 1 of bad.csv has 3 columns")
    assert len(review.list_cards(session_factory, topic.id)) == before


def test_the_review_tab_counts_due_cards_before_it_is_first_shown(qtbot, main_window):
    index = main_window.tabs.index_of("review")
    assert not main_window.tabs.is_built(index)  # tabs are built on first show
    text = main_window._tab_widget.tabText(index)
    assert text.startswith("&Review (") and text.endswith(" due)")
    due = int(text.removeprefix("&Review (").removesuffix(" due)"))
    assert due > 0
    main_window.go_to_tab(index)  # built now: it keeps the count itself
    qtbot.waitUntil(lambda: main_window.tabs.is_built(index))
    assert main_window._tab_widget.tabText(index) == f"&Review ({due} due)"


@pytest.mark.parametrize("seed", range(2))
def test_the_card_list_updated_row_by_row_is_the_list_read_whole(tab, tab_context,
                                                                  session_factory, topic, seed):
    """After random edits, undos and redos (the list shown, or not), the rows the tab updated
    one by one are the rows a fresh read gives, in the same order; so are the title and the
    progress."""
    import random

    from studyapp.db.operations.events import EventFields, edit_event
    from studyapp.db.operations.review import AddCards, DeleteCards, EditCard, SetSuspended
    from studyapp.db.services.timeline import list_events
    from studyapp.ui.review.badge import due_title
    from studyapp.ui.review.cards_view import describe_card
    from studyapp.ui.review.tab import PAGE_PROGRESS

    rng = random.Random(seed)
    run, stack = tab_context.operations.run, tab_context.undo_stack
    tab.pages.setCurrentIndex(PAGE_CARDS)
    for step in range(16):
        cards = review.list_cards(session_factory, topic.id)
        card = rng.choice(cards)
        what = rng.randrange(6)
        if what == 0:
            run(EditCard(card.id, f"Question {step}?", f"Answer {step}"))
        elif what == 1:
            run(SetSuspended(card.id, not card.suspended))
        elif what == 2:
            run(AddCards(topic.id, ((f"Own {step}?", "Mine"),), review.utc_now()))
        elif what == 3 and (own := [c for c in cards if c.origin == "user"]):
            run(DeleteCards((rng.choice(own).id,)))
        elif what == 4:
            event = rng.choice(list_events(session_factory, topic.id))
            run(edit_event(event.id, EventFields(title=f"{event.title} {step}", edtf=event.edtf,
                                                 category=event.category)))  # fmt: skip
        elif stack.canUndo():
            stack.undo()
            if rng.random() < 0.5:
                stack.redo()
        if rng.random() < 0.3:  # out of sight for a while
            tab.pages.setCurrentIndex(rng.choice([0, PAGE_PROGRESS, PAGE_CARDS]))
        tab.pages.setCurrentIndex(PAGE_CARDS)
        model = tab.cards_view.model
        shown = [model.index(row).data() for row in range(model.rowCount())]
        assert shown == [describe_card(c) for c in review.list_cards(session_factory, topic.id)]
    assert tab.titles[-1] == due_title(review.due_count(session_factory, topic.id,
                                                         review.utc_now()))  # fmt: skip
    tab.pages.setCurrentIndex(PAGE_PROGRESS)
    assert tab.progress_view.chart.rows == review.progress(session_factory, topic.id,
                                                           review.utc_now())  # fmt: skip


def test_a_card_of_another_topic_changed_by_undo_stays_out_of_the_list(tab, tab_context,
                                                                       session_factory, topic):
    """Undo reaches a change made in another topic: this topic's card list does not show it."""
    from studyapp.db.operations.review import AddCards, EditCard
    from studyapp.db.operations.topics import TopicFields, create_topic

    other = tab_context.operations.run(create_topic(TopicFields("Another topic"))).value
    added = tab_context.operations.run(AddCards(other.id, (("Elsewhere?", "There"),),
                                                review.utc_now()))  # fmt: skip
    tab.pages.setCurrentIndex(PAGE_CARDS)
    before = tab.cards_view.model.rowCount()
    with session_factory() as session:
        card_id = session.execute(text("SELECT max(id) FROM review_card")).scalar_one()
    tab_context.operations.run(EditCard(card_id, "Reworded elsewhere?", "There"))
    tab_context.undo_stack.undo()
    assert added is not None and tab.cards_view.model.rowCount() == before
    assert card_id not in tab.cards_view.cards
