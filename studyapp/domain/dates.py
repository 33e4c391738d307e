"""Historical dates, honest about their precision.

A date is kept as an EDTF string (ISO 8601-2: `1933`, `1941-06-22`, `1932/1933`, `1941-22` for
summer 1941, `{1917-03-08,1917-11-07}` for a set). From it we derive strict start/end bounds,
which sort and lay out the timeline, and a precision, which says how much the date really tells.
The `edtf` library does the parsing; this module only turns its answer into plain values.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from studyapp.domain.errors import StudentError


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    RANGE = "range"
    SET = "set"


class DateError(StudentError, ValueError):
    """An EDTF string that cannot be read; the message is one sentence for the student."""


class HistoricalDate(NamedTuple):
    edtf: str
    start: dt.date
    end: dt.date
    precision: Precision

    @property
    def start_iso(self) -> str:
        return self.start.isoformat()

    @property
    def end_iso(self) -> str:
        return self.end.isoformat()


MAX_EDTF_LENGTH = 200


def parse(text: str) -> HistoricalDate:
    """Read an EDTF string; raise DateError with a readable sentence when it is not one."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise DateError("The date is empty; write it like 1933, 1941-06-22 or 1932/1933.")
    if len(cleaned) > MAX_EDTF_LENGTH:
        raise DateError("The date is too long to be a date.")
    return _parse(cleaned)


# Plain ISO 8601 years, months and days (EDTF level 0), alone or as an interval.
_LEVEL0 = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@lru_cache(maxsize=4096)
def _parse(cleaned: str) -> HistoricalDate:
    # The edtf grammar (pyparsing) costs ~15 ms a date; the plain forms that make up nearly
    # every timeline are read directly, with the same result (tests compare the two).
    fast = _parse_level0(cleaned)
    return fast if fast is not None else _parse_with_edtf(cleaned)


def _parse_level0(cleaned: str) -> HistoricalDate | None:
    parts = cleaned.split("/")
    if len(parts) > 2:
        return None
    bounds = []
    for part in parts:
        match = _LEVEL0.fullmatch(part)
        if match is None:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            return None  # a season (21–24) or a mistake: edtf decides
        try:
            bounds.append(_level0_bounds(year, month, day))  # type: ignore[arg-type]
        except ValueError:
            return None
    start, end = bounds[0][0], bounds[-1][1]
    if end < start:
        raise DateError(f"'{cleaned}' ends before it starts.")
    precision = Precision.RANGE if len(parts) == 2 else _precision("Date", cleaned)
    return HistoricalDate(cleaned, start, end, precision)


def days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]` (proleptic Gregorian), without importing
    `calendar` and `locale` on the way to the first screen."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _level0_bounds(year: int, month: int | None, day: int | None) -> tuple[dt.date, dt.date]:
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, days_in_month(year, month))
    exact = dt.date(year, month, day)
    return exact, exact


def _parse_with_edtf(cleaned: str) -> HistoricalDate:
    import edtf

    try:
        parsed = edtf.parse_edtf(cleaned)
        start = _to_date(parsed.lower_strict())
        end = _to_date(parsed.upper_strict())
    except Exception as exc:  # edtf raises several types; all mean "not a date we can read"
        raise DateError(
            f"'{cleaned}' is not a date StudyApp can read; write it like 1933, 1941-06-22, "
            "1941-06 or 1932/1933."
        ) from exc
    if end < start:
        raise DateError(f"'{cleaned}' ends before it starts.")
    return HistoricalDate(cleaned, start, end, _precision(type(parsed).__name__, cleaned))


def _to_date(value: time.struct_time) -> dt.date:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)


def _precision(kind: str, text: str) -> Precision:
    if kind in {"MultipleDates", "OneOfASet"}:
        return Precision.SET
    if kind == "Interval":
        return Precision.RANGE
    if kind == "Season":
        return Precision.SEASON
    core = text.rstrip("?~%")
    digits = core.lstrip("-").split("-")
    if len(digits) >= 3:
        return Precision.DAY
    if len(digits) == 2:
        return Precision.MONTH
    return Precision.YEAR


_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


_SEASONS = {"21": "Spring", "22": "Summer", "23": "Autumn", "24": "Winter"}


def describe(date: HistoricalDate) -> str:
    """A precise, human reading of the date's bounds, e.g. '23 August 1942 – 2 February 1943'."""
    qualifier = {"?": " (uncertain)", "~": " (approximate)", "%": " (uncertain, approximate)"}
    suffix = qualifier.get(date.edtf[-1], "") if date.precision is not Precision.RANGE else ""
    return _describe_bounds(date) + suffix


def _describe_bounds(date: HistoricalDate) -> str:
    if date.precision is Precision.DAY:
        return _day(date.start)
    if date.precision is Precision.MONTH:
        return f"{_MONTHS[date.start.month - 1]} {date.start.year}"
    if date.precision is Precision.YEAR:
        return str(date.start.year)
    if date.precision is Precision.SEASON:
        season = _SEASONS.get(date.edtf.rstrip("?~%")[-2:], "Season")
        return f"{season} {date.start.year}"
    if date.precision is Precision.SET:
        members = date.edtf.strip("{}[]").split(",")
        return " and ".join(_member(m.strip()) for m in members)
    first, last = date.edtf.split("/")[0], date.edtf.split("/")[-1]
    return f"{_span_end(first, date.start)} – {_span_end(last, date.end)}"


def _member(text: str) -> str:
    try:
        return describe(parse(text))
    except DateError:
        return text


def _span_end(part: str, bound: dt.date) -> str:
    pieces = part.rstrip("?~%").split("-")
    if len(pieces) >= 3:
        return _day(bound)
    if len(pieces) == 2:
        return f"{_MONTHS[bound.month - 1]} {bound.year}"
    return str(bound.year)


def _day(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
