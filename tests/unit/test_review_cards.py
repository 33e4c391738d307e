"""Review cards in the database: kept in step with the content, scheduled by FSRS, undoable,
and never reset by a pack re-import."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from studyapp.db.models import Event, ReviewCard, ReviewLog
from studyapp.db.operations.base import perform
from studyapp.db.operations.review import (
    AddCards,
    DeleteCards,
    EditCard,
    ForgetChronology,
    RateCard,
    RecordChronology,
    SetDesiredRetention,
    SetSuspended,
)
from studyapp.db.pack_import import import_pack_file
from studyapp.db.services import review
from studyapp.domain.errors import StudentError
from studyapp.domain.scheduling import Rating

NOW = dt.datetime(2026, 3, 1, 18, 0, tzinfo=dt.UTC)


def _card(session_factory, key: str) -> review.CardRow:
    return next(c for c in review.list_cards(session_factory, 1) if c.key == key)


def _redate(session_factory, key: str, edtf: str) -> None:
    """Change an event's date as the timeline's edit does: the text, its bounds, its precision."""
    from studyapp.domain.dates import parse

    date = parse(edtf)
    with session_factory.begin() as session:
        event = session.scalars(select(Event).where(Event.key == key)).one()
        event.edtf, event.start, event.end = date.edtf, date.start_iso, date.end_iso
        event.precision = date.precision.value


def _states(database) -> dict[str, tuple]:
    with database.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT card_key, state_json, due, suspended, prompt FROM review_card"))  # fmt: skip
        return {row[0]: tuple(row[1:]) for row in rows}


def test_the_bundled_pack_gives_cards_at_first_run(session_factory, topic):
    cards = review.list_cards(session_factory, topic.id)
    kinds = {card.kind for card in cards}
    assert kinds == {"event-date", "date-event", "quote", "factor", "key-term"}
    assert sum(card.kind == "event-date" for card in cards) == 44
    comintern = _card(session_factory, "key-term:comintern")
    assert comintern.prompt == "What does this term mean?\nComintern"
    assert comintern.answer.startswith("The Communist International, set up in Moscow in 1919")
    rapallo = _card(session_factory, "event-date:rapallo-treaty")
    assert rapallo.answer == "16 April 1922"
    purges = _card(session_factory, "event-date:great-purges")
    assert purges.answer == "1934"
    assert review.due_count(session_factory, topic.id, review.utc_now()) == len(cards)
    assert review.due_count(session_factory, topic.id, NOW - dt.timedelta(days=999)) == 0


def test_an_edited_source_rewords_its_card_but_keeps_its_schedule(session_factory, topic):
    card = _card(session_factory, "event-date:rapallo-treaty")
    perform(session_factory, RateCard(card.id, Rating.GOOD, NOW))
    rated = review.card_state(session_factory, card.id)
    _redate(session_factory, "rapallo-treaty", "1922-04")
    report = review.refresh_cards(session_factory, topic.id)
    assert report.updated >= 1
    assert review.get_card(session_factory, card.id).answer == "April 1922"
    assert review.card_state(session_factory, card.id) == rated
    with session_factory() as session:
        assert session.scalar(select(ReviewLog.rating).where(ReviewLog.card_id == card.id)) == 3


def test_a_deleted_source_suspends_its_cards_and_keeps_their_history(session_factory, topic):
    card = _card(session_factory, "event-date:anschluss")
    perform(session_factory, RateCard(card.id, Rating.EASY, NOW))
    with session_factory.begin() as session:
        session.delete(session.scalars(select(Event).where(Event.key == "anschluss")).one())
    assert review.refresh_cards(session_factory, topic.id).source_missing == 2
    gone = review.get_card(session_factory, card.id)
    assert gone.source_missing and not gone.active
    assert card.id not in {c.id for c in review.due_cards(session_factory, topic.id, NOW)}
    with session_factory() as session:
        assert session.scalar(select(ReviewLog.id).where(ReviewLog.card_id == card.id))


def test_a_pack_reimport_leaves_scheduling_state_unchanged(database, session_factory, topic,
                                                          pack_file):  # fmt: skip
    for key, rating in [("event-date:anschluss", Rating.GOOD), ("quote:stalin-fifty-to-a-"
                        "hundred-years", Rating.AGAIN)]:  # fmt: skip
        perform(session_factory, RateCard(_card(session_factory, key).id, rating, NOW))
    perform(session_factory, SetSuspended(_card(session_factory, "factor:factor-"
                                                "centralised-economy").id, True))  # fmt: skip
    before = _states(database)

    def add_event(pack: dict) -> None:
        pack["pack"]["version"] = "1.1.0"
        pack["events"].append({"key": "new-one", "title": "A new event", "date": "1950-06-25",
                               "date_label": "1950", "category": "war"})  # fmt: skip

    import_pack_file(session_factory, pack_file())
    import_pack_file(session_factory, pack_file(add_event))
    after = _states(database)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"event-date:new-one", "date-event:new-one"}


def test_undoing_a_rating_restores_the_state_and_removes_the_log(session_factory):
    card = _card(session_factory, "event-date:anschluss")
    outcome = perform(session_factory, RateCard(card.id, Rating.GOOD, NOW))
    rated = review.card_state(session_factory, card.id)
    redo = perform(session_factory, outcome.inverse).inverse
    assert review.card_state(session_factory, card.id) != rated
    assert review.get_card(session_factory, card.id).due == card.due
    with session_factory() as session:
        assert session.scalar(select(ReviewLog.id).where(ReviewLog.card_id == card.id)) is None
    perform(session_factory, redo)
    assert review.card_state(session_factory, card.id) == rated
    with session_factory() as session:
        assert session.scalar(select(ReviewLog.rating).where(ReviewLog.card_id == card.id)) == 3


def test_the_students_own_cards_can_be_added_edited_suspended_and_deleted(session_factory, topic):
    ids = perform(session_factory, AddCards(topic.id, (("Who led the NKVD?", "Yezhov"),),
                                            NOW)).value  # fmt: skip
    perform(session_factory, EditCard(ids[0], "Who led the NKVD in 1937?", "Yezhov"))
    perform(session_factory, SetSuspended(ids[0], True))
    card = review.get_card(session_factory, ids[0])
    assert card.prompt == "Who led the NKVD in 1937?" and card.suspended and card.origin == "user"
    deleted = perform(session_factory, DeleteCards(ids))
    assert review.get_card(session_factory, ids[0]) is None
    perform(session_factory, deleted.inverse)
    assert review.get_card(session_factory, ids[0]) == card


@pytest.mark.parametrize(
    ("operation", "sentence"),
    [
        (lambda t, c: AddCards(t, (("  ", "answer"),), NOW), "question is empty"),
        (lambda t, c: DeleteCards((c,)), "suspend it instead"),
        (lambda t, c: RateCard(99999, Rating.GOOD, NOW), "no longer exists"),
        (lambda t, c: SetDesiredRetention(0.5), "between 70% and 97%"),
        (lambda t, c: SetSuspended(c, False), "already active"),
    ],
)
def test_refusals_are_one_sentence_and_write_nothing(database, session_factory, topic, operation,
                                                    sentence):  # fmt: skip
    from tests.conftest import table_counts

    card_id = _card(session_factory, "event-date:anschluss").id
    before = table_counts(database)
    with pytest.raises(StudentError, match=sentence):
        perform(session_factory, operation(topic.id, card_id))
    assert table_counts(database) == before


def test_suspended_cards_are_refused_a_rating(session_factory):
    card = _card(session_factory, "event-date:anschluss")
    perform(session_factory, SetSuspended(card.id, True))
    with pytest.raises(StudentError, match="suspended"):
        perform(session_factory, RateCard(card.id, Rating.GOOD, NOW))


def test_editing_a_generated_card_stops_it_following_its_source(session_factory, topic):
    card = _card(session_factory, "event-date:anschluss")
    undo = perform(session_factory, EditCard(card.id, "When did Austria join Germany?",
                                             "12 March 1938")).inverse  # fmt: skip
    _redate(session_factory, "anschluss", "1938")
    review.refresh_cards(session_factory, topic.id)
    assert review.get_card(session_factory, card.id).answer == "12 March 1938"
    perform(session_factory, undo)
    review.refresh_cards(session_factory, topic.id)
    assert review.get_card(session_factory, card.id).answer == "1938"


def test_desired_retention_is_stored_and_undoable(session_factory):
    undo = perform(session_factory, SetDesiredRetention(0.85)).inverse
    assert review.desired_retention(session_factory) == 0.85
    perform(session_factory, undo)
    assert review.desired_retention(session_factory) == 0.9


def test_chronology_results_are_kept_and_undoable(session_factory, topic):
    outcome = perform(session_factory, RecordChronology(topic.id, ("a", "b"), 1, 1, NOW))
    assert [(r.score, r.out_of) for r in review.chronology_results(session_factory, topic.id)] == [
        (1, 1)]  # fmt: skip
    redo = perform(session_factory, outcome.inverse).inverse
    assert review.chronology_results(session_factory, topic.id) == []
    perform(session_factory, redo)
    assert review.chronology_results(session_factory, topic.id)[0].id == outcome.value
    assert isinstance(perform(session_factory, ForgetChronology(outcome.value)).inverse,
                      RecordChronology)  # fmt: skip


def test_progress_counts_learnt_cards_and_predicts_recall_per_period(session_factory, topic):
    anschluss = _card(session_factory, "event-date:anschluss")
    perform(session_factory, RateCard(anschluss.id, Rating.EASY, NOW))
    rows = review.progress(session_factory, topic.id, NOW + dt.timedelta(days=3))
    assert sum(row.cards for row in rows) == len(review.list_cards(session_factory, topic.id))
    learnt = [row for row in rows if row.learnt]
    assert len(learnt) == 1 and learnt[0].learnt == 1
    assert 0.5 < learnt[0].retention < 1
    assert all(row.retention is None for row in rows if not row.learnt)


def test_the_upgrade_from_the_baseline_keeps_old_cards(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from studyapp.db import migrate

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO topic (id, pack_id, version, title, exam, paper, period_label,"
            " source_note, page_refs, advice, imported_at) VALUES (1, 'p', '1', 'T', '', '',"
            " '', '', '', '', '2026-01-01')"))
        connection.execute(text(
            "INSERT INTO event (id, topic_id, key, source, user_modified, title, description,"
            " edtf, date_label, start, \"end\", precision, category, key_date, position)"
            " VALUES (5, 1, 'e', 'pack', 0, 'E', '', '1933', '1933', '1933-01-01',"
            " '1933-12-31', 'year', 'war', 0, 0)"))
        connection.execute(text(
            "INSERT INTO review_card (id, card_key, kind, event_id, state_json, due)"
            " VALUES (7, 'event-date:e', 'event-date', 5, '{\"state\": 2}', '2026-02-01')"))
        command.upgrade(config, "head")
        connection.execute(text("PRAGMA foreign_keys=ON"))
        connection.execute(text("DELETE FROM event"))
        row = connection.execute(text(
            "SELECT topic_id, source_kind, source_id, state_json, suspended FROM review_card"
        )).one()  # fmt: skip
        command.downgrade(config, "0001")
        columns = {c[1] for c in connection.execute(text("PRAGMA table_info(review_card)"))}
        kept = connection.execute(text("SELECT card_key, state_json FROM review_card")).one()
    assert tuple(row) == (1, "event", 5, '{"state": 2}', 0)
    assert columns == {"id", "card_key", "kind", "event_id", "note_item_id", "state_json", "due"}
    assert tuple(kept) == ("event-date:e", '{"state": 2}')
    engine.dispose()


def test_a_card_that_no_longer_exists_cannot_be_edited(session_factory):
    with pytest.raises(StudentError, match="no longer exists"):
        perform(session_factory, EditCard(123456, "a", "b"))
    with session_factory() as session:
        assert session.get(ReviewCard, 123456) is None


def test_stored_bounds_word_every_date_as_parsing_it_does(session_factory, topic):
    """The Review tab words dates from the bounds saved with them (no edtf parse on show)."""
    from studyapp.domain.cards import word_date, word_stored

    with session_factory() as session:
        rows = session.execute(text('SELECT edtf, start, "end", precision FROM event')).all()
    assert {row.precision for row in rows} >= {"day", "year", "range", "set"}
    for edtf, start, end, precision in rows:
        assert word_stored(edtf, start, end, precision) == word_date(edtf), edtf
    assert word_stored("1941", "damaged", "1941-12-31", "year") == "1941"  # falls back to parsing
    chrono = {e.key: e.date_words for e in review.chronology_events(session_factory, topic.id)}
    assert chrono["rapallo-treaty"] == "16 April 1922"
