"""Dates as a student types them, turned into the EDTF string StudyApp stores.

A student writes "16 April 1922", "1932-33", "summer 1941", "February and October 1917",
"c. 1922", "the 1930s", "June 1948 – May 1949" or "24/6/1948" (day first). `read_student_date`
turns that into EDTF (the stored form, never shown as the thing to type), its strict bounds and
precision (through `studyapp.domain.dates.parse`, so stored bounds have one implementation) and
a sentence saying what the date means. Nonsense is a `StudentError` with one sentence. Nothing
is ever made more precise than what was written: no invented day or month.

`describe_date` is the reverse: the words a student would write for a stored EDTF string, which
the reader accepts again with the same bounds.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from studyapp.domain.dates import MAX_EDTF_LENGTH, DateError, Precision, days_in_month, parse
from studyapp.domain.errors import StudentError

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update({name[:3].lower(): i for i, name in enumerate(MONTHS, 1)})
_MONTH_NUMBER["sept"] = 9
_SEASON_CODE = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_SEASON_NAME = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_EXAMPLES = "write it like 1922, 16 April 1922, June 1948, summer 1941 or 1932-33"
# The day Soviet Russia moved from the Julian (Old Style) to the Gregorian calendar.
GREGORIAN_IN_RUSSIA = dt.date(1918, 2, 14)


class StudentDate(NamedTuple):
    """A date the student wrote: what to store (edtf), its bounds, and what it means in words."""

    edtf: str
    start: dt.date
    end: dt.date
    precision: Precision
    words: str  # the date as a student writes it, e.g. "summer 1941"
    meaning: str  # e.g. "between 1 Jun 1941 and 31 Aug 1941 · a season"


class _Part(NamedTuple):
    """One calendar date as written: a year, maybe a month or season, maybe a day."""

    year: int | None
    month: int | None = None  # 1–12, or 21–24 for a season
    day: int | None = None
    decade: bool = False

    def edtf(self, text: str) -> str:
        if self.year is None:
            raise StudentError(f"'{text}' needs a year; {_EXAMPLES}.")
        if self.decade:
            return f"{self.year // 10:03d}X"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def read_student_date(text: str) -> StudentDate:
    """Read what a student typed; raise StudentError with one sentence when it is not a date."""
    cleaned = _normalise(text)
    if not cleaned:
        raise StudentError(f"The date is empty; {_EXAMPLES}.")
    if len(cleaned) > MAX_EDTF_LENGTH:
        raise StudentError("The date is too long to be a date.")
    try:
        edtf = _to_edtf(cleaned, text.strip())
    except StudentError:
        reading = _library_reading(cleaned)
        if reading is None:
            raise
        edtf = reading
    try:
        date = parse(edtf)
    except DateError as error:
        sentence = f"'{text.strip()}' is not a date StudyApp can read; {_EXAMPLES}."
        raise StudentError(sentence) from error
    return StudentDate(
        date.edtf, date.start, date.end, date.precision, describe_date(date.edtf),
        meaning_of(date.edtf),
    )  # fmt: skip


def _library_reading(cleaned: str) -> str | None:
    """What `edtf.text_to_edtf` makes of phrasings our grammar lacks ("late 1941", "the 1st of
    May 1935"), kept only when it invents nothing: a full year the student wrote, no unknown
    ("X") digits but a decade's, and a date StudyApp can read.
    """
    from edtf import text_to_edtf

    try:
        result = text_to_edtf(cleaned)
    except Exception:  # the library's parser raises several types; all mean "no reading"
        return None
    if not result or re.search(r"X(?!$)|XX|^X", result.rstrip("?~%")):
        return None
    years = re.findall(r"\d{4}|\d{3}(?=X)", result)
    if not years or any(year not in cleaned for year in years):
        return None
    try:
        parse(result)
    except StudentError:
        return None
    return result


def _normalise(text: str) -> str:
    cleaned = (text or "").strip().lower()
    cleaned = re.sub(r"[\u2012\u2013\u2014\u2212]", "-", cleaned)  # dashes a keyboard makes
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)  # 16th April
    cleaned = re.sub(r"\s+", " ", cleaned.replace(",", ", ")).strip()
    return re.sub(r" ,", ",", cleaned)


_QUALIFIER = re.compile(
    r"^(?:circa|ca\.?|c\.?|about|around|approximately|approx\.?|~)\s*(?=\d|[a-z])"
)


def _to_edtf(cleaned: str, original: str) -> str:
    """The EDTF for the normalised text: qualifiers, then a range, a set or one date."""
    approximate = bool(_QUALIFIER.match(cleaned))
    body = _QUALIFIER.sub("", cleaned).strip()
    uncertain = body.endswith("?")
    body = body.rstrip("?").strip()
    edtf = _edtf_literal(body, original)
    if edtf is None:
        edtf = _range_or_set(body, original)
    if approximate or uncertain:
        if "/" in edtf or "{" in edtf:
            raise StudentError(
                f"'{original}': 'about' and '?' go with one date, not a range or a list of dates."
            )
        edtf += "%" if approximate and uncertain else ("~" if approximate else "?")
    return edtf


_EDTF_CHARS = re.compile(r"[0-9x/{}\[\],.\-]+")


def _edtf_literal(body: str, original: str) -> str | None:
    """ISO/EDTF forms the packs use (1941-06-22, 1932/1933, {…}), checked here; else None."""
    compact = re.sub(r"\s+(?:-|to)\s+", "/", body).replace(" ", "")
    if not _EDTF_CHARS.fullmatch(compact) or not re.match(r"[\d{\[]", compact):
        return None
    if re.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{1,2}/\d{4}", compact):
        return None  # 24/6/1948, 6/1948: day first, read by the word grammar
    if compact[0] in "{[":
        members = compact.strip("{}[]").split(",")
        return "{" + ",".join(_edtf_single(m, original) for m in members) + "}"
    sides = compact.split("/")
    if len(sides) == 2:
        first, last = (_edtf_single(side, original) for side in sides)
        return _ordered(first, last, original)
    if len(sides) == 1:
        return _edtf_single(compact, original)
    return None


def _edtf_single(part: str, original: str) -> str:
    """One ISO date (1941, 1941-06, 1941-06-22, 193x, 1941-22) or a short range (1932-33)."""
    if re.fullmatch(r"\d{3}x", part):
        return part.upper()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", part) is None:
        match = re.fullmatch(r"(\d{4})-(\d{4})", part)
        if match:
            return f"{match[1]}/{match[2]}"
        raise StudentError(f"'{original}' is not a date StudyApp can read; {_EXAMPLES}.")
    pieces = [int(p) for p in part.split("-")]
    if len(pieces) == 2 and not 1 <= pieces[1] <= 12:
        return _year_and_two_digits(pieces[0], pieces[1], original)
    _check_part(_Part(*pieces), original)  # type: ignore[arg-type]
    return part


def _year_and_two_digits(year: int, second: int, original: str) -> str:
    """1932-33 is a range of years; 1941-22 (EDTF for summer 1941) a season; 1939-13 nonsense."""
    century = year - year % 100
    if second > year % 100:
        return f"{year:04d}/{century + second:04d}"
    if 21 <= second <= 24:
        return f"{year:04d}-{second}"
    raise StudentError(
        f"'{original}' is not a date: there is no month {second}, and {century + second} "
        f"is before {year}."
    )


def _check_part(part: _Part, original: str) -> None:
    if part.month is not None and part.month <= 12 and part.month < 1:
        raise StudentError(f"'{original}' has no month {part.month}.")
    if part.month is not None and part.month > 12 and part.month not in _SEASON_NAME:
        raise StudentError(f"'{original}' has no month {part.month}.")
    if part.day is not None and part.year is not None and part.month is not None:
        last = days_in_month(part.year, part.month)
        if not 1 <= part.day <= last:
            raise StudentError(
                f"'{original}' is not a date: {MONTHS[part.month - 1]} {part.year} has "
                f"{last} days."
            )


_RANGE_SPLIT = re.compile(r"\s*(?:\bto\b|\buntil\b|\btill\b|-)\s*")


def _range_or_set(body: str, original: str) -> str:
    between = re.fullmatch(r"(?:between|from) (.+?) (?:and|to|until|-) (.+)", body)
    if between:
        return _range(between[1], between[2], original)
    body = re.sub(r"^(?:in|on)\s+", "", body)
    single = _try_part(body, original)
    if single is not None:
        return single.edtf(original)
    if re.search(r"\band\b|,", body):
        return _set(re.split(r"\s*(?:,\s*and\b|\band\b|,)\s*", body), original)
    sides = _split_range(body)
    if len(sides) == 2:
        return _range(sides[0], sides[1], original)
    if len(sides) > 2:
        raise StudentError(f"'{original}' has too many dashes to be one date or one range.")
    return _read_part(body, original).edtf(original)


def _split_range(body: str) -> list[str]:
    # A dash between digits with no spaces (24-6-1948) belongs to a numeric date, not a range.
    if re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", body):
        return [body]
    return [side for side in _RANGE_SPLIT.split(body) if side] or [body]


def _range(first: str, last: str, original: str) -> str:
    end = _read_part(last, original)
    start = _inherit(_read_part(first, original), end)
    return _ordered(start.edtf(original), end.edtf(original), original)


def _ordered(start_edtf: str, end_edtf: str, original: str) -> str:
    """The EDTF interval, refusing one that ends before it starts."""
    if "/" in start_edtf + end_edtf:
        raise StudentError(f"'{original}' has too many dashes to be one date or one range.")
    if parse(end_edtf).end < parse(start_edtf).start:
        raise StudentError(f"'{original}' ends before it starts.")
    return f"{start_edtf}/{end_edtf}"


def _set(members: list[str], original: str) -> str:
    parts = [_read_part(m, original) for m in members if m.strip()]
    if len(parts) < 2:
        raise StudentError(f"'{original}' is not a date StudyApp can read; {_EXAMPLES}.")
    last = parts[-1]
    filled = [_inherit(p, last) for p in parts[:-1]] + [last]
    return "{" + ",".join(p.edtf(original) for p in filled) + "}"


def _inherit(part: _Part, later: _Part) -> _Part:
    """'2' in '2–6 March 1919', 'June' in 'June – August 1939': take what is missing from later."""
    if part.year is not None:
        return part
    if part.month is None and part.day is not None:
        return _Part(later.year, later.month, part.day)
    return _Part(later.year, part.month, part.day, part.decade)


def _try_part(text: str, original: str) -> _Part | None:
    try:
        return _read_part(text, original)
    except StudentError:
        return None


def _read_part(text: str, original: str) -> _Part:
    """One date in words or numbers: 16 April 1922, April 16 1922, June 1948, 24/6/1948, 1922."""
    text = text.strip().strip(",").strip()
    for reader in (_numeric, _words):
        part = reader(text)
        if part is not None:
            _check_part(part, original)
            return part
    raise StudentError(f"'{original}' is not a date StudyApp can read; {_EXAMPLES}.")


def _numeric(text: str) -> _Part | None:
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    if match:  # day first, as in Britain: 24/6/1948
        return _Part(int(match[3]), int(match[2]), int(match[1]))
    match = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
    if match:
        return _Part(int(match[2]), int(match[1]))
    match = re.fullmatch(r"(?:the )?(\d{3})0'?s", text)
    if match:
        return _Part(int(match[1]) * 10, decade=True)
    if re.fullmatch(r"\d{3,4}", text):  # 622 is a year too (TimelineJS files reach that far)
        return _Part(int(text))
    if re.fullmatch(r"\d{1,2}", text):
        return _Part(None, None, int(text))
    return None


_WORD_DATE = re.compile(
    r"(?:(?P<day>\d{1,2}) )?(?:(?:of )?(?P<name>[a-z]+)\.?)(?: (?P<day2>\d{1,2}))?"
    r"(?:,? (?:of )?(?P<year>\d{3,4}))?"
)


def _words(text: str) -> _Part | None:
    match = _WORD_DATE.fullmatch(text)
    if match is None or (match["day"] and match["day2"]):
        return None
    name, day = match["name"], match["day"] or match["day2"]
    year = int(match["year"]) if match["year"] else None
    if name in _SEASON_CODE and day is None:
        return _Part(year, _SEASON_CODE[name])
    if name not in _MONTH_NUMBER:
        return None
    return _Part(year, _MONTH_NUMBER[name], int(day) if day else None)


# ---------------------------------------------------------------------------------------------
# From EDTF back to words


def describe_date(edtf: str) -> str:
    """The stored date as a student writes it: 'summer 1941', '1932–33', 'c. 1922'."""
    text = edtf.strip()
    core = text.rstrip("?~%")
    qualifier = text[len(core) :]
    if core.startswith(("{", "[")):
        words = _describe_set(core.strip("{}[]").split(","))
    elif "/" in core:
        first, last = core.split("/", 1)
        words = _describe_range(_split_edtf(first), _split_edtf(last))
    else:
        words = _single_words(_split_edtf(core))
    prefix = "c. " if qualifier in ("~", "%") else ""
    if prefix and words.startswith("the "):
        words = words[4:]  # "c. 1930s", not "c. the 1930s"
    suffix = "?" if qualifier in ("?", "%") else ""
    return f"{prefix}{words}{suffix}"


def _split_edtf(part: str) -> _Part:
    part = part.rstrip("?~%")
    if re.fullmatch(r"\d{3}X", part):
        return _Part(int(part[:3]) * 10, decade=True)
    pieces = [int(p) for p in part.split("-")] if part else []
    if not pieces:
        raise StudentError(f"'{part}' is not a date StudyApp can read; {_EXAMPLES}.")
    return _Part(*pieces)  # type: ignore[arg-type]


def _single_words(part: _Part, *, with_year: bool = True) -> str:
    year = f" {_year(part.year)}" if with_year else ""
    if part.decade:
        return f"the {part.year}s"
    if part.month is None:
        return _year(part.year, alone=True)
    if part.month in _SEASON_NAME:
        return f"{_SEASON_NAME[part.month]}{year}"
    month = MONTHS[part.month - 1]
    return f"{month}{year}" if part.day is None else f"{part.day} {month}{year}"


def _year(year: int | None, *, alone: bool = False) -> str:
    # Early years keep four digits so they read back as years: before 100 always (not days),
    # before 1000 when the year stands alone (a bare "622" is a number, "August 622" a date).
    limit = 1000 if alone else 100
    return f"{year:04d}" if year is not None and year < limit else str(year)


def _describe_range(first: _Part, last: _Part) -> str:
    if first.decade or last.decade:
        return f"{_single_words(first)} – {_single_words(last)}"
    same_shape = (first.month is None) == (last.month is None) and (first.day is None) == (
        last.day is None
    )
    if same_shape and first.month is None and first.year and last.year:
        short = first.year >= 1000 and first.year // 100 == last.year // 100
        if short and last.year > first.year:
            return f"{first.year}–{last.year % 100:02d}"
        return f"{_year(first.year, alone=True)}–{_year(last.year, alone=True)}"
    if same_shape and first.year == last.year and first.day is not None:
        if first.month == last.month:
            return f"{first.day}–{_single_words(last)}"
        return f"{_single_words(first, with_year=False)} – {_single_words(last)}"
    if same_shape and first.year == last.year and first.month is not None:
        return f"{_single_words(first, with_year=False)} – {_single_words(last)}"
    return f"{_single_words(first)} – {_single_words(last)}"


def _describe_set(members: list[str]) -> str:
    parts = [_split_edtf(m.strip()) for m in members]
    last = parts[-1]
    same_year = all(p.year == last.year and p.month is not None for p in parts)
    words = [_single_words(p, with_year=not same_year) for p in parts[:-1]]
    words.append(_single_words(last))
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def meaning_of(edtf: str) -> str:
    """What the stored date covers, e.g. 'between 1 Jan 1932 and 31 Dec 1933 · a range of years'."""
    date = parse(edtf)
    kind = _kind(edtf, date.precision)
    if date.precision is Precision.SET:
        members = [describe_date(m.strip()) for m in edtf.strip("{}[]").split(",")]
        return f"{', '.join(members[:-1])} and {members[-1]} · {kind}"
    return f"{_span(date.start, date.end)} · {kind}"


def _span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return f"on {_short(start)}"
    return f"between {_short(start)} and {_short(end)}"


def _short(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def _kind(edtf: str, precision: Precision) -> str:
    core = edtf.rstrip("?~%")
    about = {"~": ", approximately", "%": ", approximately and uncertain", "?": ", uncertain"}
    qualifier = about.get(edtf[len(core) :], "")
    if precision is Precision.RANGE:
        ends = core.split("/")[0].rstrip("?~%")
        unit = {1: "years", 2: "months", 3: "days"}[len(ends.split("-"))]
        return f"a range of {unit}"
    if precision is Precision.SET:
        return "several dates"
    if core.endswith("X"):
        return f"a decade{qualifier}"
    names = {
        Precision.DAY: "an exact day", Precision.MONTH: "a month",
        Precision.SEASON: "a season", Precision.YEAR: "a year",
    }  # fmt: skip
    return f"{names[precision]}{qualifier}"


def old_style(edtf: str) -> str | None:
    """The Old Style (Julian) reading of a Russian day before 14 February 1918, else None.

    Only an exact day (or a range or set of exact days) can be converted honestly: a month or a
    year straddles two Julian months, so those get None rather than an invented day.
    """
    core = edtf.strip().rstrip("?~%")
    if core.startswith(("{", "[")):
        members = [m.strip() for m in core.strip("{}[]").split(",")]
        days = [_julian(m) for m in members]
        return None if None in days else " and ".join(d for d in days if d)
    sides = core.split("/")
    days = [_julian(s) for s in sides]
    if None in days:
        return None
    return " – ".join(d for d in days if d)


def _julian(part: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", part) is None:
        return None
    day = dt.date.fromisoformat(part)
    if day >= GREGORIAN_IN_RUSSIA:
        return None
    year, month, date = _julian_from_ordinal(day.toordinal())
    return f"{date} {MONTHS[month - 1]} {year}"


def _julian_from_ordinal(ordinal: int) -> tuple[int, int, int]:
    """Julian calendar (year, month, day) of a proleptic Gregorian ordinal (via the Julian Day)."""
    c = ordinal + 1721425 + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1
