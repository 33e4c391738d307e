"""Issue 13 in the database: periods, quotes and factors a student adds, edits and deletes —
each refused in a sentence when wrong, and undone and redone exactly."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from studyapp.db.models import Event, NoteItem, Quote
from studyapp.db.operations import factors as factor_ops
from studyapp.db.operations import periods as period_ops
from studyapp.db.operations import quotes as quote_ops
from studyapp.db.operations.base import perform
from studyapp.db.services import factors, notes
from studyapp.db.services.quotes import item_showing, quote_of_item
from studyapp.db.services.topic import list_periods
from studyapp.domain.changes import Kind
from studyapp.domain.errors import StudentError
from tests.conftest import table_counts


def _events_in(session_factory, period_id: int) -> list[int]:
    with session_factory() as session:
        return list(session.scalars(select(Event.id).where(Event.period_id == period_id)))


def test_a_period_is_added_edited_and_undone(session_factory, topic):
    before = list_periods(session_factory, topic.id)
    fields = period_ops.PeriodFields("Phase 5: the thaw", "1953/1956", "After Stalin.")
    added = perform(session_factory, period_ops.add_period(topic.id, fields))
    period = list_periods(session_factory, topic.id)[-1]
    assert (period.id, period.title, period.start, period.end) == \
        (added.value, "Phase 5: the thaw", "1953-01-01", "1956-12-31")  # fmt: skip
    edited = perform(session_factory, period_ops.edit_period(
        period.id, period_ops.PeriodFields("Phase 5", "1953/1957")))  # fmt: skip
    assert list_periods(session_factory, topic.id)[-1].end == "1957-12-31"
    perform(session_factory, edited.inverse)
    assert list_periods(session_factory, topic.id)[-1].end == "1956-12-31"
    removed = perform(session_factory, added.inverse)
    assert list_periods(session_factory, topic.id) == before
    perform(session_factory, removed.inverse)  # redo: the same row, the same id
    assert list_periods(session_factory, topic.id)[-1].id == period.id


def test_deleting_a_period_keeps_its_events_and_undo_links_them_again(session_factory, topic):
    period = list_periods(session_factory, topic.id)[1]
    linked = _events_in(session_factory, period.id)
    assert linked
    outcome = perform(session_factory, period_ops.delete_period(period.id, period.title))
    assert period.id not in {p.id for p in list_periods(session_factory, topic.id)}
    assert outcome.changes.ids(Kind.EVENT) == frozenset(linked)  # the timeline redraws them
    with session_factory() as session:
        assert session.scalar(select(Event.id).where(Event.id.in_(linked),
                                                     Event.period_id.is_not(None))) is None
    perform(session_factory, outcome.inverse)
    assert _events_in(session_factory, period.id) == linked
    assert list_periods(session_factory, topic.id)[1] == period


@pytest.mark.parametrize(("fields", "sentence"), [
    (period_ops.PeriodFields("  ", "1933"), "A period needs a title."),
    (period_ops.PeriodFields("Phase", ""), "Type the years the period covers, e.g. 1932-37."),
])  # fmt: skip
def test_a_wrong_period_is_one_sentence_and_writes_nothing(database, topic, fields, sentence):
    counts = table_counts(database)
    with pytest.raises(StudentError, match=sentence.replace("(", r"\(").replace(".", r"\.")):
        perform(database.session_factory, period_ops.add_period(topic.id, fields))
    assert table_counts(database) == counts


def _leaf(session_factory, topic) -> notes.SectionRow:
    return notes.section_tree(session_factory, topic.id)[0].children[0]


def test_a_quote_is_added_with_the_item_showing_it_and_undone_as_one(session_factory, topic):
    section = _leaf(session_factory, topic)
    fields = quote_ops.QuoteFields("Litvinov", "Peace is indivisible.", "League speech, 1936")
    added = perform(session_factory, quote_ops.add_quote(section.id, fields))
    item = notes.get_item(session_factory, added.value)
    assert item is not None and item.kind == "quote" and item.text == '"Peace is indivisible."'
    assert (item.quote_speaker, item.quote_context) == ("Litvinov", "League speech, 1936")
    quote = quote_of_item(session_factory, item.id)
    assert quote is not None and item_showing(session_factory, quote.id) == item.id
    assert added.changes.ids(Kind.QUOTE) == {quote.id}

    edited = perform(session_factory, quote_ops.edit_quote(
        quote.id, quote_ops.QuoteFields("Maxim Litvinov", "Peace is indivisible!", "")))
    item = notes.get_item(session_factory, item.id)
    assert item is not None and item.text == '"Peace is indivisible!"'
    assert (item.quote_speaker, item.quote_context) == ("Maxim Litvinov", "")
    perform(session_factory, edited.inverse)
    assert notes.get_item(session_factory, item.id).text == '"Peace is indivisible."'

    undone = perform(session_factory, added.inverse)
    assert notes.get_item(session_factory, item.id) is None
    assert quote_of_item(session_factory, item.id) is None
    perform(session_factory, undone.inverse)  # redo: both rows, the same ids
    assert quote_of_item(session_factory, item.id).id == quote.id


def test_deleting_a_pack_quote_takes_its_items_and_undo_brings_them_back(session_factory, topic):
    with session_factory() as session:
        quote_id, item_id = session.execute(
            select(Quote.id, NoteItem.id).join(NoteItem, NoteItem.quote_id == Quote.id)).first()
    deleted = perform(session_factory, quote_ops.delete_quote(quote_id, "Stalin"))
    assert notes.get_item(session_factory, item_id) is None
    perform(session_factory, deleted.inverse)
    assert quote_of_item(session_factory, item_id).id == quote_id


@pytest.mark.parametrize(("fields", "sentence"), [
    (quote_ops.QuoteFields("", "Words"), "Say who said it: a quote needs a speaker."),
    (quote_ops.QuoteFields("Stalin", "  "), "Write the words of the quote."),
])  # fmt: skip
def test_a_wrong_quote_is_one_sentence_and_writes_nothing(database, topic, fields, sentence):
    counts = table_counts(database)
    section = _leaf(database.session_factory, topic)
    with pytest.raises(StudentError, match=sentence):
        perform(database.session_factory, quote_ops.add_quote(section.id, fields))
    assert table_counts(database) == counts


def test_a_factor_is_added_last_edited_and_deleted_with_undo(session_factory, topic):
    fields = factor_ops.FactorFields("The T-34 tank", "Simple to build.", "economy")
    added = perform(session_factory, factor_ops.add_factor(topic.id, fields))
    rows = factors.list_factors(session_factory, topic.id)
    assert rows[-1].id == added.value and rows[-1].title == "The T-34 tank" and len(rows) == 9
    perform(session_factory, factor_ops.edit_factor(
        added.value, factor_ops.FactorFields("The T-34", "Simple.", "allied-aid")))
    assert factors.list_factors(session_factory, topic.id)[-1].category == "allied-aid"
    deleted = perform(session_factory, factor_ops.delete_factor(added.value, "The T-34"))
    assert len(factors.list_factors(session_factory, topic.id)) == 8
    perform(session_factory, deleted.inverse)
    assert factors.list_factors(session_factory, topic.id)[-1].title == "The T-34"
    with pytest.raises(StudentError, match="A factor needs a title."):
        perform(session_factory, factor_ops.add_factor(topic.id, factor_ops.FactorFields(" ")))
    with pytest.raises(StudentError, match="is not a kind of factor"):
        perform(session_factory, factor_ops.add_factor(
            topic.id, factor_ops.FactorFields("Luck", category="luck")))
