"""Generated cards and the chronology challenge: pure domain rules, no database, no Qt."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from studyapp.domain import scheduling
from studyapp.domain.cards import (
    CardKind,
    SourceEvent,
    SourceFactor,
    SourceQuote,
    event_cards,
    generate,
    word_date,
)
from studyapp.domain.chronology import ChronoEvent, overlaps, pick, right_order, score
from studyapp.domain.dates import parse


def test_dates_are_worded_at_their_real_precision():
    assert word_date("1922-04-16") == "16 April 1922"
    assert word_date("1939-04") == "April 1939"
    assert word_date("1934") == "1934"  # never an invented day
    assert word_date("1941-22") == "Summer 1941"
    assert word_date("1932/1933") == "1932 – 1933"
    assert word_date("not a date") == "not a date"


def test_an_event_gives_a_date_card_and_a_reverse_card():
    rapallo = SourceEvent(6, "rapallo-treaty", "Rapallo Treaty between Germany and Russia",
                          "1922-04-16", period_id=2)  # fmt: skip
    date_card, reverse = event_cards([rapallo])
    assert date_card.key == "event-date:rapallo-treaty"
    assert date_card.prompt.endswith("Rapallo Treaty between Germany and Russia")
    assert date_card.answer == "16 April 1922"
    assert date_card.period_id == 2
    assert reverse.key == "date-event:rapallo-treaty" and reverse.kind is CardKind.DATE_EVENT
    assert reverse.prompt.endswith("16 April 1922") and reverse.answer.startswith("Rapallo")


@pytest.mark.parametrize(
    "edtf", ["1922-04-16", "1939-04/1939-08", "1941-22", "{1935-05-02,1935-05-16}", "1934"]
)
def test_stored_bounds_word_a_date_as_parsing_it_would(edtf):
    date = parse(edtf)
    stored = SourceEvent(1, "k", "T", edtf, None, (date.start_iso, date.end_iso,
                                                   date.precision.value))  # fmt: skip
    assert stored.date_words() == word_date(edtf)


def test_two_events_with_the_same_date_get_no_reverse_card():
    purges = SourceEvent(1, "great-purges", "The Great Purges", "1934")
    league = SourceEvent(2, "ussr-joins-league", "USSR joins the League", "1934")
    kinds = [card.kind for card in event_cards([purges, league])]
    assert kinds == [CardKind.EVENT_DATE, CardKind.EVENT_DATE]


def test_quotes_and_factors_become_cards_with_stable_keys():
    quote = SourceQuote(1, "q", "Stalin", "We are fifty years behind.", "A speech, 1931.", "1931")
    factor = SourceFactor(1, "f", "A centralised economy", "Easy to turn to total war.")
    empty = SourceFactor(2, "g", "No explanation yet", " ")
    cards = generate([], [quote], [factor, empty])
    assert [c.key for c in cards] == ["quote:q", "factor:f"]
    assert cards[0].answer == "Stalin\nA speech, 1931." and "fifty years" in cards[0].prompt
    assert cards[1].answer == "Easy to turn to total war."


def test_a_key_term_asks_for_its_meaning_in_its_sections_period():
    from studyapp.domain.cards import SourceKeyTerm

    term = SourceKeyTerm(3, "comintern", "Comintern", "The Communist International.", 7)
    cards = generate([], [], [], [term])
    assert [(c.key, c.kind, c.source_kind, c.source_id, c.period_id) for c in cards] == [
        ("key-term:comintern", CardKind.KEY_TERM, "key_term", 3, 7)]  # fmt: skip
    assert cards[0].prompt == "What does this term mean?\nComintern"
    assert cards[0].answer == "The Communist International."


def _event(i: int, start: str, end: str) -> ChronoEvent:
    return ChronoEvent(i, f"e{i}", f"Event {i}", start, end, start)


def test_a_challenge_never_pairs_overlapping_events():
    events = [_event(i, f"{1920 + i // 2}-01-01", f"{1920 + i // 2}-12-31") for i in range(40)]
    for seed in range(50):
        chosen = pick(events, random.Random(seed))
        assert len(chosen) == 5
        assert not any(overlaps(a, b) for a in chosen for b in chosen if a is not b)
        assert chosen != right_order(chosen)


def test_the_score_counts_pairs_in_the_right_order():
    events = [_event(i, f"{1930 + i}-01-01", f"{1930 + i}-06-30") for i in range(5)]
    assert score(events) == (10, 10)
    assert score(list(reversed(events))) == (0, 10)
    one_swap = [events[1], events[0], *events[2:]]
    assert score(one_swap) == (9, 10)


def test_fsrs_schedules_a_good_answer_later_than_again():
    now = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
    fresh = scheduling.new_state(1, now)
    again = scheduling.review(fresh.state_json, scheduling.Rating.AGAIN, now)
    easy = scheduling.review(fresh.state_json, scheduling.Rating.EASY, now)
    assert now <= again.due < easy.due
    assert easy.learnt and not again.learnt
    assert scheduling.retrievability(fresh.state_json, now) is None
    later = now + dt.timedelta(days=30)
    assert 0 < scheduling.retrievability(easy.state_json, later) < 1  # type: ignore[operator]


def test_the_recall_summary_agrees_with_one_card_at_a_time():
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    fresh = scheduling.new_state(0, start).state_json
    states = [fresh]
    for rating in (scheduling.Rating.EASY, scheduling.Rating.GOOD, scheduling.Rating.AGAIN):
        states.append(scheduling.review(fresh, rating, start).state_json)
    later = start + dt.timedelta(days=3)
    learnt, recalls = scheduling.recall_summary(states, later)
    assert learnt == sum(scheduling.is_learnt(state) for state in states)
    assert recalls == [r for s in states if (r := scheduling.retrievability(s, later)) is not None]
    assert len(recalls) == 3
