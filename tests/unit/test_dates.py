"""Historical dates keep their honest precision and refuse what is not a date."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest

from studyapp.domain.dates import DateError, Precision, days_in_month, describe, parse


@pytest.mark.parametrize(
    ("edtf", "precision", "start", "end", "reading"),
    [
        ("1933", Precision.YEAR, "1933-01-01", "1933-12-31", "1933"),
        ("1941-06", Precision.MONTH, "1941-06-01", "1941-06-30", "June 1941"),
        ("1941-06-22", Precision.DAY, "1941-06-22", "1941-06-22", "22 June 1941"),
        ("1941-22", Precision.SEASON, "1941-06-01", "1941-08-31", "Summer 1941"),
        ("1932/1933", Precision.RANGE, "1932-01-01", "1933-12-31", "1932 – 1933"),
        (
            "1942-08-23/1943-02-02",
            Precision.RANGE,
            "1942-08-23",
            "1943-02-02",
            "23 August 1942 – 2 February 1943",
        ),
        (
            "{1917-03-08,1917-11-07}",
            Precision.SET,
            "1917-03-08",
            "1917-11-07",
            "8 March 1917 and 7 November 1917",
        ),
        ("1941?", Precision.YEAR, "1941-01-01", "1941-12-31", "1941 (uncertain)"),
    ],
)
def test_parse_gives_strict_bounds_and_precision(edtf, precision, start, end, reading):
    date = parse(edtf)
    assert date.precision is precision
    assert (date.start_iso, date.end_iso) == (start, end)
    assert describe(date) == reading


@pytest.mark.parametrize("bad", ["", "   ", "1939-13-45", "next Tuesday", "1941/1939", "9" * 300])
def test_bad_dates_raise_one_sentence(bad):
    with pytest.raises(DateError) as caught:
        parse(bad)
    message = str(caught.value)
    assert message.endswith(".")
    assert "\n" not in message


def test_leap_day_and_bounds_are_dates():
    date = parse("1940-02-29")
    assert date.start == dt.date(1940, 2, 29) == date.end


@pytest.mark.parametrize(
    "edtf",
    ["1914", "1900", "2000", "1941-02", "1940-02", "1939-08-23", "1940-02-29", "1932/1933",
     "1939-04/1939-08", "1942-08-23/1943-02-02", "1918/1921-06", "0999", "1600-12-31"],
)  # fmt: skip
def test_the_fast_reading_of_plain_dates_agrees_with_the_edtf_library(edtf):
    from studyapp.domain.dates import _parse_level0, _parse_with_edtf

    assert _parse_level0(edtf) == _parse_with_edtf(edtf)


@pytest.mark.parametrize("bad", ["1940-02-30", "1941-00", "1941-13-01", "1941-06-31"])
def test_impossible_plain_dates_are_refused(bad):
    with pytest.raises(DateError):
        parse(bad)



def test_days_in_month_agrees_with_the_calendar_module_for_every_year():
    """`calendar` is not imported on the way to the first screen; the rule must be the same."""
    for year in range(1, 10000):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
