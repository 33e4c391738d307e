"""The Review tab's fast paths give what the full ones give, on random data: the cards of the
rows the triggers noted (`sync_pending`) against a whole-topic sync after every kind of write,
the chronology challenge read a few events at a time against one picked from every event, the
progress counted by SQLite against every card's state read in Python, and the card list read
from the driver against the ORM's rows."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest
from alembic import command
from sqlalchemy import select, text

from studyapp.db import migrate
from studyapp.db.models import CardSourceChange, Event, Factor, KeyTerm, NoteSection, Period, Quote
from studyapp.db.models import ReviewCard as CardModel
from studyapp.db.operations import key_terms as term_ops
from studyapp.db.operations.base import perform
from studyapp.db.operations.events import EventFields, add_event, delete_event, edit_event
from studyapp.db.operations.factors import FactorFields, edit_factor
from studyapp.db.operations.notes import delete_note_section
from studyapp.db.operations.periods import PeriodFields, edit_period
from studyapp.db.operations.quotes import QuoteFields, edit_quote
from studyapp.db.operations.review import RateCard
from studyapp.db.pack_import import import_pack_file
from studyapp.db.services import review
from studyapp.db.timeline_import import ImportTimeline
from studyapp.domain import chronology, scheduling
from studyapp.packs.timelinejs import read_timeline_file
from tests.conftest import TESTS

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def _ids(session_factory, model, topic_id: int) -> list[int]:
    with session_factory() as session:
        return list(session.scalars(select(model.id).where(model.topic_id == topic_id)))


def _in_step(session_factory, topic_id: int) -> bool:
    """Whether a whole-topic sync finds nothing to do (it writes nothing when so)."""
    return not review.refresh_cards(session_factory, topic_id).changed


def _notes(session_factory) -> int:
    with session_factory() as session:
        return len(session.execute(select(CardSourceChange.id)).all())


def _write(session_factory, topic_id: int, rng: random.Random) -> str:
    """One random write, by one of the app's write paths; returns what it was."""
    events = _ids(session_factory, Event, topic_id)
    choice = rng.randrange(11)
    event_id = rng.choice(events)
    with session_factory() as session:
        event = session.get(Event, event_id)
        assert event is not None
        fields = EventFields(title=event.title, edtf=event.edtf, category=event.category)
    if choice == 0:
        perform(session_factory, edit_event(event_id, EventFields(
            title=f"{fields.title} ({rng.randrange(99)})", edtf=fields.edtf,
            category=fields.category)))  # fmt: skip
        return "event retitled"
    if choice == 1:  # often onto another event's date, so date → event cards come and go
        other = rng.choice(events)
        with session_factory() as session:
            edtf = session.scalar(select(Event.edtf).where(Event.id == other))
        redated = EventFields(title=fields.title, edtf=edtf or "1939", category=fields.category)
        undo = perform(session_factory, edit_event(event_id, redated)).inverse
        if rng.random() < 0.5:
            perform(session_factory, undo)
            return "event re-dated and undone"
        return "event re-dated"
    if choice == 2:
        outcome = perform(session_factory, delete_event(event_id, fields.title))
        if rng.random() < 0.5:
            perform(session_factory, outcome.inverse)
            return "event deleted and undone"
        return "event deleted"
    if choice == 3:
        perform(session_factory, add_event(topic_id, EventFields(
            title=f"New event {rng.randrange(999)}", edtf=f"19{rng.randrange(10, 50)}",
            category=fields.category)))  # fmt: skip
        return "event added"
    if choice == 4:
        quote_id = rng.choice(_ids(session_factory, Quote, topic_id))
        with session_factory() as session:
            quote = session.get(Quote, quote_id)
            assert quote is not None
            quote_fields = QuoteFields(quote.speaker, f"{quote.text} ({rng.randrange(99)})",
                                       rng.choice(["", quote.context]), quote.edtf)  # fmt: skip
        perform(session_factory, edit_quote(quote_id, quote_fields))
        return "quote edited"
    if choice == 5:
        factor_id = rng.choice(_ids(session_factory, Factor, topic_id))
        perform(session_factory, edit_factor(factor_id, FactorFields(
            f"Factor {rng.randrange(99)}", rng.choice(["", "Because it mattered."]))))  # fmt: skip
        return "factor edited"
    if choice == 6:
        term_id = rng.choice(_ids(session_factory, KeyTerm, topic_id))
        sections = _ids(session_factory, NoteSection, topic_id)
        perform(session_factory, term_ops.edit_key_term(
            term_id, f"Term {rng.randrange(99)}", "What it means.", rng.choice([None, *sections])))
        return "key term edited"
    if choice == 7:
        period_id = rng.choice(_ids(session_factory, Period, topic_id))
        start = rng.randrange(1900, 1940)
        perform(session_factory, edit_period(period_id, PeriodFields(
            f"Period {start}", f"{start}/{start + rng.randrange(1, 10)}")))  # fmt: skip
        return "period re-dated"
    if choice == 8:
        with session_factory() as session:
            sections = list(session.scalars(select(KeyTerm.section_id).where(
                KeyTerm.topic_id == topic_id, KeyTerm.section_id.is_not(None))))  # fmt: skip
        if not sections:
            return "nothing"
        outcome = perform(session_factory, delete_note_section(rng.choice(sections)))
        if rng.random() < 0.5:
            perform(session_factory, outcome.inverse)
            return "note section deleted and undone"
        return "note section deleted"
    if choice == 9:  # a write from outside the app's operations (the command line, a script)
        with session_factory.begin() as session:
            session.execute(text("UPDATE event SET title = title || ' (raw)' WHERE id = :id"),
                            {"id": event_id})  # fmt: skip
        return "raw SQL update"
    perform(session_factory, ImportTimeline(topic_id, read_timeline_file(
        TESTS / "data" / "timelinejs" / "eras.json")))  # fmt: skip
    return "TimelineJS import"


@pytest.mark.parametrize("seed", range(3))
def test_the_noted_rows_cards_are_what_a_whole_topic_sync_gives(session_factory, topic, seed):
    rng = random.Random(seed)
    assert _in_step(session_factory, topic.id) and _notes(session_factory) == 0
    for _ in range(12):
        what = _write(session_factory, topic.id, rng)
        review.refresh_pending(session_factory, topic.id)
        assert _notes(session_factory) == 0, what
        assert _in_step(session_factory, topic.id), what


def test_a_pack_import_syncs_and_answers_the_notes(session_factory, topic, pack_file):
    with session_factory.begin() as session:
        session.execute(text("UPDATE event SET title = 'Renamed' WHERE id = "
                             "(SELECT min(id) FROM event)"))  # fmt: skip
    assert _notes(session_factory) == 1
    import_pack_file(session_factory, pack_file())
    assert _notes(session_factory) == 0 and _in_step(session_factory, topic.id)


def test_an_edit_that_no_card_reads_leaves_no_note(session_factory, topic):
    event_id = _ids(session_factory, Event, topic.id)[0]
    with session_factory.begin() as session:
        session.execute(text("UPDATE event SET description = 'More' WHERE id = :id"),
                        {"id": event_id})  # fmt: skip
    assert _notes(session_factory) == 0
    assert review.refresh_pending(session_factory, topic.id) == review.SyncReport()


def test_upgrading_to_0009_brings_every_topics_cards_in_line_once(tmp_path):
    """A file from before 0009 may hold edits whose cards were never re-worded (the Review tab
    was not open): its first sync after the upgrade is a whole-topic one."""
    from alembic.config import Config

    from studyapp.db.engine import make_engine

    path = tmp_path / "old.db"

    def run(step, revision: str) -> None:
        engine = make_engine(path)
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(migrate.MIGRATIONS))
            config.attributes["connection"] = connection
            step(config, revision)
        engine.dispose()

    run(command.upgrade, "0008_factors_question")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO topic (id, pack_id, version, title, exam, paper, period_label,"
                   " source_note, page_refs, advice, imported_at) VALUES (1, 'p', '1', 'T', '',"
                   " '', '', '', '', '', '2026-01-01')")  # fmt: skip
        db.execute("INSERT INTO event (id, topic_id, title, description, edtf, date_label, start,"
                   " \"end\", precision, category, key_date, position, key, source,"
                   " user_modified) VALUES (1, 1, 'Rapallo', '', '1922-04-16', '', '1922-04-16',"
                   " '1922-04-16', 'day', 'war', 0, 0, 'rapallo', 'pack', 0)")  # fmt: skip
    db.close()
    run(command.upgrade, "head")
    db = sqlite3.connect(path)
    assert db.execute("SELECT topic_id, kind, row_id FROM card_source_change").fetchall() == [
        (1, "period", None)]  # fmt: skip
    db.execute("UPDATE event SET title = 'Rapallo Treaty' WHERE id = 1")
    assert db.execute("SELECT count(*) FROM card_source_change").fetchone() == (2,)
    db.commit()
    db.close()
    from sqlalchemy.orm import sessionmaker

    engine = make_engine(path)
    factory = sessionmaker(engine)
    report = review.refresh_pending(factory, 1)
    assert report.added == 2  # the event's two cards, made by the whole-topic sync
    with factory() as session:
        assert session.scalars(select(CardModel.prompt).order_by(CardModel.id)).all()[0] == (
            "When did this happen?\nRapallo Treaty")  # fmt: skip
        assert session.execute(select(CardSourceChange.id)).all() == []
    engine.dispose()
    run(command.downgrade, "0008_factors_question")
    db = sqlite3.connect(path)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "card_source_change" not in tables and "card_source_event_au" not in tables
    db.close()


def test_the_chronology_challenge_is_the_one_picked_from_every_event(session_factory, topic):
    every = review.chronology_events(session_factory, topic.id)
    for seed in range(40):
        fast = review.chronology_challenge(session_factory, topic.id, random.Random(seed))
        assert fast == chronology.pick(every, random.Random(seed)), seed
        assert len(fast) == chronology.CHALLENGE_SIZE


def _progress_the_long_way(session_factory, topic_id: int, now: dt.datetime):
    """What `progress` gave before: every active card's state read and summed in Python."""
    with session_factory() as session:
        periods = session.execute(select(Period.id, Period.title).where(
            Period.topic_id == topic_id).order_by(Period.position)).all()  # fmt: skip
        cards = session.execute(select(CardModel.period_id, CardModel.state_json).where(
            CardModel.topic_id == topic_id, CardModel.suspended.is_(False),
            CardModel.source_missing.is_(False))).all()  # fmt: skip
    grouped: dict[int | None, list[str]] = {}
    for period_id, state in cards:
        grouped.setdefault(period_id, []).append(state)
    named = [(pid, title) for pid, title in periods] + [(None, "Not tied to one period")]
    result = []
    for pid, title in named:
        if pid in grouped:
            learnt, recalls = scheduling.recall_summary(grouped[pid], now)
            mean = sum(recalls) / len(recalls) if recalls else None
            result.append(review.PeriodProgress(title, len(grouped[pid]), learnt, mean))
    return result


def test_progress_counted_by_sqlite_is_the_progress_summed_in_python(session_factory, topic):
    rng = random.Random(5)
    cards = review.list_cards(session_factory, topic.id)
    moment = NOW
    for card in rng.sample(cards, 40):  # reviewed once or several times, some learnt
        for _ in range(rng.randrange(1, 5)):
            moment += dt.timedelta(days=rng.randrange(0, 9))
            perform(session_factory, RateCard(card.id, scheduling.Rating(rng.randrange(1, 5)),
                                              moment))  # fmt: skip
    with session_factory.begin() as session:
        for card in rng.sample(cards, 10):
            session.get(CardModel, card.id).suspended = True  # type: ignore[union-attr]
    later = moment + dt.timedelta(days=3)
    fast = review.progress(session_factory, topic.id, later)
    assert fast == _progress_the_long_way(session_factory, topic.id, later)
    assert any(row.learnt for row in fast) and any(row.retention for row in fast)


def test_the_card_list_is_the_orms_rows(session_factory, topic):
    from studyapp.db.operations.review import AddCards, SetSuspended

    perform(session_factory, AddCards(topic.id, (("Own question?", "Own answer"),), NOW))
    first = review.list_cards(session_factory, topic.id)[3]
    perform(session_factory, SetSuspended(first.id, True))
    with session_factory() as session:
        rows = session.scalars(select(CardModel).where(CardModel.topic_id == topic.id)
                               .order_by(CardModel.origin.desc(), CardModel.id))  # fmt: skip
        expected = [review.card_row(card) for card in rows]
    assert review.list_cards(session_factory, topic.id) == expected
    assert expected[0].origin == "user" and any(card.suspended for card in expected)
