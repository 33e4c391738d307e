"""Export the whole timeline of the current topic to a file, in any of the six formats.

CSV, ICS and JSON are written here from the database rows; SVG, PNG and PDF need the drawn
timeline, so they are handed to `studyapp.ui.timeline.export` (the only place that may build Qt
scenes), which draws the scene and writes it with `studyapp.export.timeline_images`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from studyapp.domain.errors import StudentError
from studyapp.export import files

DATA_FORMATS = ("csv", "ics", "json")
IMAGE_FORMATS = ("svg", "png", "pdf")


def export_timeline(session_factory: sessionmaker[Session], fmt: str, output: Path,
                    topic: str | None = None) -> None:  # fmt: skip
    """Write every event of a topic (an id or a unique part of its title; the only one when
    None) to `output`; StudentError when it cannot."""
    if fmt in IMAGE_FORMATS:
        from studyapp.ui.timeline.export import export_timeline_image

        export_timeline_image(session_factory, fmt, output, topic)
        return
    if fmt not in DATA_FORMATS:
        raise StudentError(f"'{fmt}' is not a timeline export format.")
    write_timeline_data(session_factory, fmt, output, topic)


def write_timeline_data(session_factory: sessionmaker[Session], fmt: str, output: Path,
                        topic_ref: str | None = None) -> None:  # fmt: skip
    from studyapp.db.services.timeline import list_events
    from studyapp.db.services.topic import find_topic, list_periods
    from studyapp.export import timeline_data

    topic = find_topic(session_factory, topic_ref)
    events = list_events(session_factory, topic.id)
    if fmt == "csv":
        files.write_text(output, timeline_data.timeline_csv(events), newline="")
    elif fmt == "ics":
        text = timeline_data.timeline_ics(
            events, calendar_name=topic.title, uid_domain=f"{topic.pack_id}.studyapp",
            now=dt.datetime.now(dt.UTC),
        )  # fmt: skip
        files.write_text(output, text, newline="")
    else:
        periods = list_periods(session_factory, topic.id)
        document = timeline_data.timeline_json(events, periods, title=topic.title)
        files.write_text(output, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
