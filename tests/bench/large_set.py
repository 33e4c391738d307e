"""A large study set for the benchmarks: 10,000 events, 5,000 note items, 2,000 points and
20,000 review cards in one topic, written into a StudyApp data folder.

`build(home)` opens (creating) the database there as the app does, adds the rows with plain
SQL (the search triggers keep the index, as for any write), then lets the app generate the
review cards for them (two per event) and closes the file cleanly, so the next start is a
normal warm start. Run alone: `.venv/bin/python tests/bench/large_set.py FOLDER`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

EVENTS, NOTE_ITEMS, POINTS, CARDS = 10_000, 5_000, 2_000, 20_000
WORDS = ["treaty", "pact", "crisis", "conference", "invasion", "talks", "purge", "plan",
         "blockade", "front", "league", "offensive", "agreement", "revolution", "election",
         "summit", "memorandum", "collective", "security", "appeasement", "rearmament",
         "alliance", "ultimatum", "guarantee", "partition"]  # fmt: skip
CATEGORIES = ("ussr-diplomacy", "germany", "western-powers", "league", "war", "domestic")


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def build(home: Path, seed: int = 1939) -> dict[str, int]:
    """Fill the data folder `home` (created) and return the row counts it holds."""
    from sqlalchemy import insert

    from studyapp import paths
    from studyapp.db.database import open_database
    from studyapp.db.models import ReviewCard
    from studyapp.db.services import review
    from studyapp.db.services.review import refresh_cards
    from studyapp.db.services.topic import current_topic
    from studyapp.domain import scheduling

    rng = random.Random(seed)
    database = open_database(paths.resolve(str(home)))
    topic = current_topic(database.session_factory)
    assert topic is not None
    with database.engine.begin() as connection:
        sql = connection.exec_driver_sql
        sections = [row[0] for row in sql("SELECT id FROM note_section WHERE topic_id = ?",
                                          (topic.id,))]  # fmt: skip
        questions = [row[0] for row in sql("SELECT id FROM question WHERE topic_id = ?",
                                           (topic.id,))]  # fmt: skip
        periods = [row[0] for row in sql("SELECT id FROM period WHERE topic_id = ?",
                                         (topic.id,))]  # fmt: skip
        have = sql("SELECT count(*) FROM event WHERE topic_id = ?", (topic.id,)).scalar_one()
        events = []
        for i in range(EVENTS - have):
            day = dt.date(1900, 1, 1) + dt.timedelta(days=rng.randint(0, 60 * 365))
            whole_month = i % 3 == 0  # a third are months, the rest days
            start = day.replace(day=1) if whole_month else day
            end = day.replace(day=28) if whole_month else day
            edtf = day.isoformat()[:7] if whole_month else day.isoformat()
            events.append((topic.id, f"large-{i}", _text(rng, rng.randint(2, 6)),
                           _text(rng, 30), edtf, edtf, start.isoformat(), end.isoformat(),
                           "month" if whole_month else "day", rng.choice(CATEGORIES),
                           int(rng.random() < 0.05), rng.choice(periods), i))  # fmt: skip
        connection.exec_driver_sql(
            "INSERT INTO event (topic_id, key, source, user_modified, title, description, edtf,"
            ' date_label, start, "end", precision, category, key_date, period_id, position)'
            " VALUES (?, ?, 'pack', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        event_ids = [row[0] for row in sql("SELECT id FROM event WHERE topic_id = ?",
                                           (topic.id,))]  # fmt: skip
        have = sql("SELECT count(*) FROM note_item JOIN note_section ON note_section.id ="
                   " note_item.section_id WHERE note_section.topic_id = ?",
                   (topic.id,)).scalar_one()  # fmt: skip
        items = [(rng.choice(sections), f"large-{i}", _text(rng, 25), 1000 + i, _text(rng, 6))
                 for i in range(NOTE_ITEMS - have)]  # fmt: skip
        connection.exec_driver_sql(
            "INSERT INTO note_item (section_id, key, source, user_modified, kind, text,"
            " position, annotation, learnt) VALUES (?, ?, 'pack', 0, 'point', ?, ?, ?, 0)", items)
        connection.exec_driver_sql(
            "INSERT OR IGNORE INTO note_item_event (note_item_id, event_id)"
            " SELECT id, ? FROM note_item WHERE key = ?",
            [(rng.choice(event_ids), f"large-{i}") for i in range(len(items))])
        have = sql("SELECT count(*) FROM point JOIN question ON question.id = point.question_id"
                   " WHERE question.topic_id = ?", (topic.id,)).scalar_one()  # fmt: skip
        points = [(rng.choice(questions), f"large-{i}", ("for", "against")[i % 2],
                   _text(rng, 10), _text(rng, 30), 1 + i % 5, _text(rng, 10), 1000 + i)
                  for i in range(POINTS - have)]  # fmt: skip
        connection.exec_driver_sql(
            "INSERT INTO point (question_id, key, source, user_modified, side, claim,"
            " explanation, weight, counter, position) VALUES (?, ?, 'pack', 0, ?, ?, ?, ?, ?, ?)",
            points)
        connection.exec_driver_sql(
            "INSERT INTO evidence (point_id, event_id, position, comment)"
            " SELECT id, ?, 0, '' FROM point WHERE key = ?",
            [(rng.choice(event_ids), f"large-{i}") for i in range(len(points))])
    refresh_cards(database.session_factory, topic.id)  # the app's own cards for the new rows
    with database.engine.begin() as connection:  # the rest: cards the student wrote
        have = connection.exec_driver_sql("SELECT count(*) FROM review_card").scalar_one()
        state = scheduling.new_state(0, review.utc_now())  # as a new card of one's own gets
        connection.execute(insert(ReviewCard), [
            {"topic_id": topic.id, "card_key": f"own:large-{i}", "kind": "own",
             "origin": "user", "prompt": _text(rng, 8) + "?", "answer": _text(rng, 12),
             "user_modified": False, "suspended": False, "source_missing": False,
             "state_json": state.state_json, "due": state.due}
            for i in range(CARDS - have)])  # fmt: skip
    with database.engine.connect() as connection:
        counts = {table: connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
                  for table in ("event", "note_item", "point", "review_card")}  # fmt: skip
    database.close()
    return counts


if __name__ == "__main__":
    started = time.perf_counter()
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/studyapp-large")
    counts = build(folder)
    print("(" + ", ".join(f"{n:,} {table}" for table, n in counts.items()) +
          f"; made in {time.perf_counter() - started:.0f} s)")  # fmt: skip
