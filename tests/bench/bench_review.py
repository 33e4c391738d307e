"""Review benchmark: how long card sync, the due query, progress and the deck export take on
the bundled pack and on a topic with 10,000 events (20,000 cards).

Run: `.venv/bin/python tests/bench/bench_review.py`. Not part of the default test run.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("STUDYAPP_HOME", tempfile.mkdtemp(prefix="studyapp-bench-"))

from studyapp import paths  # noqa: E402
from studyapp.db.database import open_database  # noqa: E402
from studyapp.db.models import Event  # noqa: E402
from studyapp.db.services import review  # noqa: E402
from studyapp.db.services.topic import current_topic  # noqa: E402
from studyapp.export.apkg import write_apkg  # noqa: E402


def timed(label: str, work: Callable[[], object]) -> object:
    started = time.perf_counter()
    result = work()
    print(f"{label}: {(time.perf_counter() - started) * 1000:.0f} ms")
    return result


def add_events(session_factory, topic_id: int, count: int) -> None:  # type: ignore[no-untyped-def]
    base = dt.date(1900, 1, 1)
    with session_factory.begin() as session:
        for n in range(count):
            day = (base + dt.timedelta(days=n)).isoformat()
            session.add(Event(topic_id=topic_id, key=f"bench-{n}", source="user",
                              user_modified=False, title=f"Bench event {n}", description="",
                              edtf=day, date_label=day, start=day, end=day, precision="day",
                              category="war", key_date=False, position=n))  # fmt: skip


def run(session_factory, topic_id: int, label: str) -> None:  # type: ignore[no-untyped-def]
    now = review.utc_now()
    timed(f"{label} sync (nothing new)", lambda: review.refresh_cards(session_factory, topic_id))
    timed(f"{label} due cards (first 200)", lambda: review.due_cards(session_factory, topic_id,
                                                                       now))  # fmt: skip
    timed(f"{label} due count", lambda: review.due_count(session_factory, topic_id, now))
    timed(f"{label} progress", lambda: review.progress(session_factory, topic_id, now))
    deck = review.deck(session_factory, topic_id)
    output = Path(tempfile.mkdtemp()) / "deck.apkg"
    timed(f"{label} export {len(deck.cards)} cards to .apkg", lambda: write_apkg(deck, output))


def main() -> None:
    database = timed("first run (migrate, import pack, generate cards)",
                     lambda: open_database(paths.resolve()))  # fmt: skip
    factory = database.session_factory
    topic = current_topic(factory)
    run(factory, topic.id, "bundled pack:")
    add_events(factory, topic.id, 10_000)
    report = timed("10,000 new events: sync", lambda: review.refresh_cards(factory, topic.id))
    print(f"  {report}")
    run(factory, topic.id, "10,000 events:")
    database.close()


if __name__ == "__main__":
    main()
