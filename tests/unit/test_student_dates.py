"""The date field reads what a student types, stores EDTF and never invents precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.domain.dates import DateError, parse
from studyapp.domain.errors import StudentError
from studyapp.domain.student_dates import (
    MONTHS,
    describe_date,
    old_style,
    read_student_date,
)


@pytest.mark.parametrize(
    ("typed", "edtf", "start", "end", "meaning"),
    [
        ("1922", "1922", "1922-01-01", "1922-12-31", "between 1 Jan 1922 and 31 Dec 1922 · a year"),
        ("16 April 1922", "1922-04-16", "1922-04-16", "1922-04-16",
         "on 16 Apr 1922 · an exact day"),
        ("1932-33", "1932/1933", "1932-01-01", "1933-12-31",
         "between 1 Jan 1932 and 31 Dec 1933 · a range of years"),
        ("1932–33", "1932/1933", "1932-01-01", "1933-12-31",
         "between 1 Jan 1932 and 31 Dec 1933 · a range of years"),
        ("summer 1941", "1941-22", "1941-06-01", "1941-08-31",
         "between 1 Jun 1941 and 31 Aug 1941 · a season"),
        ("February and October 1917", "{1917-02,1917-10}", "1917-02-01", "1917-10-31",
         "February 1917 and October 1917 · several dates"),
        ("c. 1922", "1922~", "1922-01-01", "1922-12-31",
         "between 1 Jan 1922 and 31 Dec 1922 · a year, approximately"),
        ("1930s", "193X", "1930-01-01", "1939-12-31",
         "between 1 Jan 1930 and 31 Dec 1939 · a decade"),
        ("June 1948 – May 1949", "1948-06/1949-05", "1948-06-01", "1949-05-31",
         "between 1 Jun 1948 and 31 May 1949 · a range of months"),
        ("24/6/1948", "1948-06-24", "1948-06-24", "1948-06-24", "on 24 Jun 1948 · an exact day"),
        ("Jun 1948", "1948-06", "1948-06-01", "1948-06-30",
         "between 1 Jun 1948 and 30 Jun 1948 · a month"),
        ("April 16, 1922", "1922-04-16", "1922-04-16", "1922-04-16",
         "on 16 Apr 1922 · an exact day"),
        ("2–6 March 1919", "1919-03-02/1919-03-06", "1919-03-02", "1919-03-06",
         "between 2 Mar 1919 and 6 Mar 1919 · a range of days"),
        ("8 March and 7 November 1917", "{1917-03-08,1917-11-07}", "1917-03-08", "1917-11-07",
         "8 March 1917 and 7 November 1917 · several dates"),
        ("between 1945 and 1949", "1945/1949", "1945-01-01", "1949-12-31",
         "between 1 Jan 1945 and 31 Dec 1949 · a range of years"),
        ("1922?", "1922?", "1922-01-01", "1922-12-31",
         "between 1 Jan 1922 and 31 Dec 1922 · a year, uncertain"),
        # The ISO/EDTF forms the bundled pack already uses.
        ("1941-06-22", "1941-06-22", "1941-06-22", "1941-06-22", "on 22 Jun 1941 · an exact day"),
        ("1941-22", "1941-22", "1941-06-01", "1941-08-31",
         "between 1 Jun 1941 and 31 Aug 1941 · a season"),
        ("1939-04/1939-08", "1939-04/1939-08", "1939-04-01", "1939-08-31",
         "between 1 Apr 1939 and 31 Aug 1939 · a range of months"),
        ("{1935-05-02,1935-05-16}", "{1935-05-02,1935-05-16}", "1935-05-02", "1935-05-16",
         "2 May 1935 and 16 May 1935 · several dates"),
    ],
)  # fmt: skip
def test_reads_what_a_student_types(typed, edtf, start, end, meaning):
    date = read_student_date(typed)
    assert date.edtf == edtf
    assert (date.start.isoformat(), date.end.isoformat()) == (start, end)
    assert date.meaning == meaning
    assert "EDTF" not in date.meaning


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("31 February 1939", "February 1939 has 28 days"),
        ("1939-13", "there is no month 13"),
        ("someday", "is not a date StudyApp can read"),
        ("", "The date is empty"),
        ("16 April", "needs a year"),
        ("1941 – 1939", "ends before it starts"),
        ("c. 1932-33", "go with one date"),
        ("1" * 300, "too long"),
    ],
)
def test_nonsense_is_one_sentence(typed, sentence):
    with pytest.raises(StudentError) as refusal:
        read_student_date(typed)
    message = str(refusal.value)
    assert sentence in message
    unquoted = message.replace(f"'{typed.strip()}'", "")
    assert message.endswith(".") and unquoted.count(". ") == 0 and "EDTF" not in message


def test_date_error_is_a_refusal():
    with pytest.raises(StudentError):
        parse("1939-02-31")
    assert issubclass(DateError, ValueError)  # older callers catch ValueError


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        ("1941-22", "summer 1941"),
        ("1922-04-16", "16 April 1922"),
        ("1932/1933", "1932–33"),
        ("1948-06/1949-05", "June 1948 – May 1949"),
        ("1939-04/1939-08", "April – August 1939"),
        ("1942-08-23/1943-02-02", "23 August 1942 – 2 February 1943"),
        ("{1917-03-08,1917-11-07}", "8 March and 7 November 1917"),
        ("{1917-02,1917-10}", "February and October 1917"),
        ("1922~", "c. 1922"),
        ("193X", "the 1930s"),
        ("1945/1949", "1945–49"),
        ("1899/1901", "1899–1901"),
    ],
)
def test_describe_date_in_words(edtf, words):
    assert describe_date(edtf) == words
    assert read_student_date(words).edtf == edtf


def test_old_style_only_for_exact_days_before_the_calendar_change():
    assert old_style("1917-11-07") == "25 October 1917"
    assert old_style("{1917-03-08,1917-11-07}") == "23 February 1917 and 25 October 1917"
    assert old_style("1918-02-13") == "31 January 1918"
    assert old_style("1918-02-14") is None  # New Style from that day
    assert old_style("1917-11") is None  # a month straddles two Julian months: no invented day
    assert old_style("1917") is None
    assert old_style("1900-03-13") == "29 February 1900"  # the Julian leap day


# ---- property: whatever the reader accepts round-trips through EDTF with the same bounds ------

_years = st.integers(min_value=1, max_value=2100)
_months = st.integers(min_value=1, max_value=12)


@st.composite
def _typed_dates(draw: st.DrawFn) -> str:
    year, month = draw(_years), draw(_months)
    day = draw(st.integers(min_value=1, max_value=31))
    name = MONTHS[month - 1]
    forms = [
        f"{year}", f"{day} {name} {year}", f"{name[:3]} {year}", f"{name} {day}, {year}",
        f"{day}/{month}/{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}",
        f"{draw(st.sampled_from(['spring', 'summer', 'autumn', 'winter']))} {year}",
        f"c. {year}", f"{year}?", f"{year // 10 * 10}s", f"{year}-{draw(st.integers(0, 99)):02d}",
        f"{name} and {MONTHS[draw(_months) - 1]} {year}", f"{year} – {draw(_years)}",
        f"{name} {year} – {MONTHS[draw(_months) - 1]} {draw(_years)}",
        f"{day}–{draw(st.integers(1, 31))} {name} {year}",
    ]  # fmt: skip
    return draw(st.sampled_from(forms))


def _same_bounds_again(typed: str) -> None:
    try:
        date = read_student_date(typed)
    except StudentError:
        return  # a refusal is always allowed; a crash of any other kind is not
    stored = parse(date.edtf)
    assert (stored.start, stored.end) == (date.start, date.end)
    # What we show the student reads back as the same date. (The stored EDTF itself need not:
    # "1920-21" is spring 1920 in EDTF but 1920–21 to a student, and the reader sides with her.)
    shown = read_student_date(date.words)
    assert (shown.start, shown.end, shown.edtf) == (date.start, date.end, date.edtf)


@settings(max_examples=400, deadline=None)
@given(_typed_dates())
def test_accepted_dates_round_trip_through_edtf(typed):
    _same_bounds_again(typed)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 -/–.,?~cabdefghijlmnoprstuvy{}", max_size=30))
def test_any_text_is_a_date_or_one_sentence(typed):
    _same_bounds_again(typed)


def test_never_invents_a_day_or_month():
    date = read_student_date("1922")
    assert (date.start, date.end) == (dt.date(1922, 1, 1), dt.date(1922, 12, 31))
    assert date.words == "1922"
    assert read_student_date("June 1948").words == "June 1948"


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [
        ("ca 1922", "1922~"),
        ("late 1941", "1941"),  # the whole year: "late" is not made into an invented month
        ("early 1930s", "193X"),
        ("the summer of 1941", "1941-22"),
        ("the 1st of May 1935", "1935-05-01"),
    ],
)
def test_phrasings_read_by_the_edtf_library_invent_nothing(typed, edtf):
    assert read_student_date(typed).edtf == edtf


@pytest.mark.parametrize("typed", ["June", "16 April", "Friday", "12 noon"])
def test_the_library_never_supplies_a_missing_year(typed):
    with pytest.raises(StudentError):
        read_student_date(typed)
