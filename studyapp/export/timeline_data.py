"""The whole timeline as data files: CSV (one row per event), ICS (one all-day event per event,
spanning its bounds) and TimelineJS3 JSON (events, periods as eras, categories as groups).

Pure Python over the plain rows the timeline service returns; `files.write_text` puts them on
disk atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections.abc import Sequence
from typing import Any

from studyapp.db.services.timeline import EventRow
from studyapp.db.services.topic import PeriodRow

CSV_HEADER = (
    "Date as written", "EDTF", "Start", "End", "Title", "Category", "Key date", "Page",
)  # fmt: skip


def timeline_csv(events: Sequence[EventRow]) -> str:
    """One row per event; the header names what a spreadsheet user needs to sort and filter."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for event in events:
        writer.writerow([
            event.date_label, event.edtf, event.start, event.end, event.title,
            event.category_label, "yes" if event.key_date else "no", event.page_ref or "",
        ])  # fmt: skip
    return buffer.getvalue()


# -- iCalendar (RFC 5545) ----------------------------------------------------------------------


def timeline_ics(
    events: Sequence[EventRow], *, calendar_name: str, uid_domain: str, now: dt.datetime
) -> str:
    """An iCalendar file: one all-day VEVENT per event from its start to the day after its end."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//StudyApp//Timeline export//EN",
        "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_ics_text(calendar_name)}",
    ]  # fmt: skip
    for event in events:
        lines += _vevent(event, uid_domain, stamp)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _vevent(event: EventRow, uid_domain: str, stamp: str) -> list[str]:
    start = dt.date.fromisoformat(event.start)
    end_exclusive = dt.date.fromisoformat(event.end) + dt.timedelta(days=1)  # DTEND is exclusive
    details = [event.date_label, event.description]
    if event.page_ref:
        details.append(f"Notes page {event.page_ref}")
    lines = [
        "BEGIN:VEVENT", f"UID:{event.key}@{uid_domain}", f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_ics_date(start)}", f"DTEND;VALUE=DATE:{_ics_date(end_exclusive)}",
        f"SUMMARY:{_ics_text(event.title)}",
        f"DESCRIPTION:{_ics_text(chr(10).join(d for d in details if d))}",
        f"CATEGORIES:{_ics_text(event.category_label)}",
    ]  # fmt: skip
    if event.key_date:
        lines.append("PRIORITY:1")
    return [*lines, "END:VEVENT"]


def _ics_date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _ics_text(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma, and newlines as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not pieces else 74  # continuation lines start with one space
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


# -- TimelineJS3 -------------------------------------------------------------------------------


def timeline_json(
    events: Sequence[EventRow], periods: Sequence[PeriodRow], *, title: str
) -> dict[str, Any]:
    """TimelineJS3's JSON: open it in TimelineJS, or import it back into StudyApp."""
    return {
        "title": {"text": {"headline": html.escape(title, quote=False), "text": ""}},
        "events": [_slide(event) for event in events],
        "eras": [
            {
                "start_date": _tljs_date(p.start, p.edtf, first=True),
                "end_date": _tljs_date(p.end, p.edtf, first=False),
                "text": {"headline": html.escape(p.title, quote=False)},
            }
            for p in periods
        ],
    }


def _slide(event: EventRow) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "unique_id": event.key,
        "start_date": _tljs_date(event.start, event.edtf, first=True),
        "display_date": event.date_label,
        "text": {
            "headline": html.escape(event.title, quote=False),
            "text": _paragraphs(event.description),
        },
        "group": event.category_label,
    }
    if event.start != event.end and event.precision in {"range", "set", "season"}:
        slide["end_date"] = _tljs_date(event.end, event.edtf, first=False)
    return slide


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text.split("\n") if line)


def _tljs_date(bound: str, edtf: str, *, first: bool) -> dict[str, str]:
    """The bound at the precision the EDTF gives it: a year stays a year, a month a month."""
    core = edtf.strip("{}[]").rstrip("?~%")
    part = (core.split("/")[0] if first else core.split("/")[-1]) if "/" in core else core
    pieces = part.rstrip("?~%").split("-")
    day = dt.date.fromisoformat(bound)
    plain = all(p.isdigit() for p in pieces) and "," not in part
    if plain and len(pieces) == 1:
        return {"year": str(day.year)}
    if plain and len(pieces) == 2 and int(pieces[1]) <= 12:
        return {"year": str(day.year), "month": str(day.month)}
    return {"year": str(day.year), "month": str(day.month), "day": str(day.day)}
