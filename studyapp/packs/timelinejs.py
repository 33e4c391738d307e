"""TimelineJS files, read and checked: TimelineJS3 JSON and its Google-spreadsheet CSV layout.

`read_timeline_file(path)` returns a `TimelineFile` of plain events and eras (eras become the
timeline's period bands) or raises `StudentError` with one sentence naming the JSON path or the
spreadsheet row at fault. Headlines and text arrive as plain text (TimelineJS allows HTML in
both); `display_date` is kept as the date as written; `group` becomes the category. Every event
gets a key derived from the file's content (its `unique_id`, else its start date and headline),
so importing the same file twice finds the same rows. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from studyapp.domain.dates import parse
from studyapp.domain.errors import StudentError
from studyapp.domain.student_dates import describe_date
from studyapp.packs.loader import PackError, is_regular_file, read_regular_bytes

MAX_FILE_BYTES = 20 * 1024 * 1024
CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
KEY_PREFIX = "tljs-"


@dataclass(frozen=True)
class TimelineEvent:
    key: str
    title: str
    description: str
    edtf: str
    date_label: str
    group: str  # "" when the file gives none


@dataclass(frozen=True)
class TimelineEra:
    key: str
    title: str
    edtf: str


@dataclass(frozen=True)
class TimelineFile:
    name: str
    title: str
    events: tuple[TimelineEvent, ...]
    eras: tuple[TimelineEra, ...]
    skipped: int  # slides with neither a headline nor any text: nothing to show on a timeline


def looks_like_timeline(path: Path) -> bool:
    """Whether `path` is a TimelineJS file rather than a study pack (by name and first bytes)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return True
    if suffix != ".json" or not is_regular_file(path):
        return False  # a pipe or a device is refused, with its sentence, by the pack reader
    try:
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
    except OSError:
        return False
    return '"events"' in head and '"format_version"' not in head


def read_timeline_file(path: Path) -> TimelineFile:
    text = _read_text(path)
    if path.suffix.lower() == ".csv":
        return _from_csv(path.name, text)
    return _from_json(path.name, text)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StudentError(f"{path.name} is too large to be a timeline ({size // 2**20} MB).")
        return read_regular_bytes(path).decode("utf-8-sig")  # no pipes, devices; size counted
    except FileNotFoundError as error:
        raise StudentError(f"There is no file called {path}.") from error
    except PackError as error:
        raise StudentError(str(error)) from error
    except UnicodeDecodeError as error:
        raise StudentError(f"{path.name} is not a text file in UTF-8.") from error
    except OSError as error:
        raise StudentError(f"{path.name} cannot be read ({error.strerror}).") from error


# -- JSON --------------------------------------------------------------------------------------


def _from_json(name: str, text: str) -> TimelineFile:
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        raise StudentError(f"{name} is not valid JSON ({_first_line(error)}).") from error
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise StudentError(f"{name} is not a TimelineJS file: it has no list of 'events'.")
    keys: Counter[str] = Counter()
    events, skipped = [], 0
    for index, slide in enumerate(data["events"]):
        event = _json_event(name, f"events[{index}]", slide, keys)
        if event is None:
            skipped += 1
        else:
            events.append(event)
    eras = [_json_era(name, f"eras[{i}]", era) for i, era in enumerate(data.get("eras") or [])]
    title = _plain(_dig(data, "title", "text", "headline")) or Path(name).stem
    return TimelineFile(name, title, tuple(events), tuple(eras), skipped)


def _no_constant(token: str) -> None:
    raise ValueError(f"{token} is not a number")


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _dig(data: Any, *path: str) -> Any:
    for step in path:
        if not isinstance(data, dict):
            return None
        data = data.get(step)
    return data


def _json_event(name: str, where: str, slide: Any, keys: Counter[str]) -> TimelineEvent | None:
    if not isinstance(slide, dict):
        raise StudentError(f"{name}: {where} is not a TimelineJS slide.")
    headline = _plain(_dig(slide, "text", "headline"))
    body = _plain(_dig(slide, "text", "text"))
    if not headline and not body:
        return None
    start = _json_date(name, f"{where}.start_date", slide.get("start_date"), required=True)
    end = _json_date(name, f"{where}.end_date", slide.get("end_date"), required=False)
    edtf = _interval(name, where, start, end)
    title = headline or _first_words(body)
    seed = str(slide.get("unique_id") or "") or f"{edtf}|{title}"
    label = _plain(slide.get("display_date")) or describe_date(edtf)
    group = _plain(slide.get("group"))
    return TimelineEvent(_key(seed, keys), title, body, edtf, label, group)


def _json_era(name: str, where: str, era: Any) -> TimelineEra:
    if not isinstance(era, dict):
        raise StudentError(f"{name}: {where} is not a TimelineJS era.")
    start = _json_date(name, f"{where}.start_date", era.get("start_date"), required=True)
    end = _json_date(name, f"{where}.end_date", era.get("end_date"), required=True)
    edtf = _interval(name, where, start, end)
    title = _plain(_dig(era, "text", "headline")) or describe_date(edtf)
    return TimelineEra(KEY_PREFIX + "era-" + _hash(f"{edtf}|{title}"), title, edtf)


def _json_date(name: str, where: str, value: Any, *, required: bool) -> str | None:
    if value is None or (isinstance(value, dict) and not str(value.get("year", "")).strip()):
        if required:
            raise StudentError(f"{name}: {where}.year is missing; every event needs a year.")
        return None
    if not isinstance(value, dict):
        raise StudentError(f"{name}: {where} is not a date (it needs a year, month and day).")
    parts = [value.get("year"), value.get("month"), value.get("day")]
    return _edtf(name, where, parts)


# -- CSV ---------------------------------------------------------------------------------------


def _from_csv(name: str, text: str) -> TimelineFile:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise StudentError(f"{name} is not a readable spreadsheet ({error}).") from error
    if not rows:
        raise StudentError(f"{name} is empty.")
    header = [column.strip() for column in rows[0]]
    missing = [column for column in ("Year", "Headline") if column not in header]
    if missing:
        raise StudentError(
            f"{name} is not a TimelineJS spreadsheet: it has no '{missing[0]}' column."
        )
    title, events, eras, skipped = Path(name).stem, [], [], 0
    keys: Counter[str] = Counter()
    for number, cells in enumerate(rows[1:], start=2):
        row = {column: (cells[i].strip() if i < len(cells) else "") for i, column in
               enumerate(header)}  # fmt: skip
        kind = row.get("Type", "").lower()
        if kind == "title":
            title = _plain(row.get("Headline")) or title
        elif kind == "era":
            eras.append(_csv_era(name, number, row))
        elif not any(row.values()):
            continue  # a blank line between entries
        else:
            event = _csv_event(name, number, row, keys)
            skipped += event is None
            events += [event] if event else []
    return TimelineFile(name, title, tuple(events), tuple(eras), skipped)


def _csv_event(name: str, number: int, row: dict[str, str], keys: Counter[str]):  # type: ignore[no-untyped-def]
    headline, body = _plain(row.get("Headline")), _plain(row.get("Text"))
    if not headline and not body:
        return None
    where = f"row {number}"
    if not row.get("Year"):
        raise StudentError(f"{name}, {where}: the Year is empty; every event needs a year.")
    start = _edtf(name, where, [row.get("Year"), row.get("Month"), row.get("Day")])
    end_parts = [row.get("End Year"), row.get("End Month"), row.get("End Day")]
    end = _edtf(name, f"{where} (end)", end_parts) if row.get("End Year") else None
    edtf = _interval(name, where, start, end)
    title = headline or _first_words(body)
    label = _plain(row.get("Display Date")) or describe_date(edtf)
    return TimelineEvent(
        _key(f"{edtf}|{title}", keys), title, body, edtf, label, _plain(row.get("Group"))
    )


def _csv_era(name: str, number: int, row: dict[str, str]) -> TimelineEra:
    where = f"row {number}"
    if not row.get("Year") or not row.get("End Year"):
        raise StudentError(f"{name}, {where}: an era needs a Year and an End Year.")
    start = _edtf(name, where, [row.get("Year"), row.get("Month"), row.get("Day")])
    end = _edtf(name, where, [row.get("End Year"), row.get("End Month"), row.get("End Day")])
    edtf = _interval(name, where, start, end)
    title = _plain(row.get("Headline")) or describe_date(edtf)
    return TimelineEra(KEY_PREFIX + "era-" + _hash(f"{edtf}|{title}"), title, edtf)


# -- shared ------------------------------------------------------------------------------------


def _edtf(name: str, where: str, parts: list[Any]) -> str:
    """Year, month, day (strings or numbers, month and day optional) as an ISO/EDTF date."""
    numbers: list[int] = []
    for label, value in zip(("year", "month", "day"), parts, strict=True):
        text = str(value).strip() if value is not None else ""
        if not text:
            break
        if not re.fullmatch(r"-?\d{1,4}", text):
            raise StudentError(f"{name}, {where}: the {label} '{text}' is not a number.")
        numbers.append(int(text))
    if numbers[0] < 1:
        raise StudentError(f"{name}, {where}: StudyApp cannot show dates before the year 1.")
    iso = "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])
    try:
        parse(iso)
    except StudentError as error:
        raise StudentError(f"{name}, {where}: {iso} is not a real date.") from error
    return iso


def _interval(name: str, where: str, start: str | None, end: str | None) -> str:
    assert start is not None  # a missing start was refused by the caller
    if end is None or end == start:
        return start
    if parse(end).end < parse(start).start:
        raise StudentError(f"{name}, {where}: the event ends before it starts.")
    return f"{start}/{end}"


def _key(seed: str, seen: Counter[str]) -> str:
    """A key from the content; the n-th identical slide gets '-n' so each one stays its own row."""
    base = KEY_PREFIX + _hash(seed)
    seen[base] += 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def _hash(seed: str) -> str:
    return hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]


def _first_words(text: str, limit: int = 80) -> str:
    line = text.splitlines()[0]
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"


class _TextOnly(HTMLParser):
    """HTML to plain text: tags dropped, entities decoded, block tags become line breaks."""

    BLOCKS = {"p", "br", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    parser = _TextOnly()
    parser.feed(str(value))
    parser.close()
    text = "".join(parser.parts)
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
