"""Search benchmark: p50/p95 per query over 20,000 synthetic items, and what the index costs.

Run: `.venv/bin/python tests/bench/bench_search.py [items]`. Prints
- per query kind (single word, prefix, phrase, misspelt, odd input): p50 and p95 in ms, with the
  fuzzy pass's vocabulary warm (as in the search box between keystrokes) and cold (first search
  after an edit);
- the fuzzy pass against the alternative, an FTS5 `trigram` index queried with its trigrams;
- the cost of the triggers on the bundled pack's import and on a 5,000-event import.
Not part of the default test run: timings never gate unit tests.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event

from studyapp import paths
from studyapp.db import search_schema
from studyapp.db.database import open_database
from studyapp.db.pack_import import import_pack_file
from studyapp.db.search import Searcher
from studyapp.packs.loader import bundled_pack_path

QUERIES = {
    "single word": ["treaty", "molotov", "germany", "collective", "stalingrad"],
    "prefix": ["molo", "coll", "rapal", "stalingr", "diplo"],
    "phrase": ['"treaty of rapallo"', '"collective security"', '"nazi soviet pact"'],
    "two words": ["nazi-soviet", "stalin germany", "lend lease"],
    "misspelt": ["rapalo", "molotof", "stalingard", "colective", "litvinof"],
    "odd input": ["don't", 'AND OR NEAR', "^*:()", '"unbalanced', "x" * 5000, "NEAR(a b)"],
}
SYLLABLES = ("ka", "lo", "vi", "ra", "ne", "sto", "mir", "gor", "bel", "za", "tan", "dro", "pek",
             "ul", "ski", "vo", "ber", "lin", "tsa", "mon")  # fmt: skip
RUNS = 30


def _words(rng: random.Random) -> list[str]:
    """The pack's own words plus invented names, so the vocabulary is a realistic size."""
    pack_text = bundled_pack_path().read_text("utf-8")
    base = sorted({w for w in "".join(c if c.isalpha() else " " for c in pack_text).split()})
    names = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(9000)}
    return base + sorted(names)


def _sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


def fill(database, items: int, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """`items` synthetic rows across every indexed kind, written as the app writes (triggers)."""
    words = _words(rng)
    share = items // 5
    with database.engine.begin() as connection:
        sql = connection.exec_driver_sql
        topic = sql("SELECT id FROM topic").scalar_one()
        section = sql("SELECT id FROM note_section LIMIT 1").scalar_one()
        question = sql("SELECT id FROM question LIMIT 1").scalar_one()
        for i in range(share * 2):
            sql("INSERT INTO event (topic_id, key, source, user_modified, title, description, edtf,"
                " date_label, start, \"end\", precision, category, key_date, position) VALUES"
                " (?, ?, 'user', 0, ?, ?, '1939', '1939', '1939-01-01', '1939-12-31', 'year',"
                " 'war', 0, 0)",
                (topic, f"bench-{i}", _sentence(rng, words, 5), _sentence(rng, words, 30)))
        for i in range(share * 2):
            sql("INSERT INTO note_item (section_id, key, source, user_modified, kind, text,"
                " position, annotation, learnt) VALUES (?, ?, 'user', 0, 'point', ?, 0, ?, 0)",
                (section, f"bench-{i}", _sentence(rng, words, 25), _sentence(rng, words, 8)))
        for i in range(items - share * 4):
            sql("INSERT INTO point (question_id, key, source, user_modified, side, claim,"
                " explanation, weight, counter, position) VALUES (?, ?, 'user', 0, 'for', ?, ?,"
                " 3, ?, 0)", (question, f"bench-{i}", _sentence(rng, words, 10),
                              _sentence(rng, words, 30), _sentence(rng, words, 10)))  # fmt: skip


def _timed(call: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)]


def bench_queries(database) -> None:  # type: ignore[no-untyped-def]
    searcher = Searcher(database.session_factory)
    print(f"{'query':<22}{'kind':<13}{'results':>8}{'p50 ms':>9}{'p95 ms':>9}{'cold p95':>10}")
    worst = 0.0
    for group, queries in QUERIES.items():
        for query in queries:
            count = len(searcher.search(query).results)
            p50, p95 = _timed(lambda q=query: searcher.search(q))

            def cold(q: str = query) -> None:
                searcher.forget_vocabulary()
                searcher.search(q)

            _cold50, cold95 = _timed(cold, runs=5)
            worst = max(worst, p95)
            label = query if len(query) < 20 else query[:8] + "…"
            print(f"{label:<22}{group:<13}{count:>8}{p50:>9.2f}{p95:>9.2f}{cold95:>10.1f}")
    print(f"worst p95 (warm): {worst:.2f} ms (target < 20 ms)")
    searcher.search("rapalo")  # vocabulary loaded, as in the search box
    p50, p95 = _timed(lambda: searcher.learn([("event", 1), ("note_item", 2)]))
    print(f"learning the words of 2 edited rows: p50 {p50:.2f} ms, p95 {p95:.2f} ms")


def bench_trigram(database) -> None:  # type: ignore[no-untyped-def]
    """The alternative for misspellings: a trigram index, matched on any of the word's trigrams."""
    with database.engine.begin() as connection:
        sql = connection.exec_driver_sql
        started = time.perf_counter()
        sql("CREATE VIRTUAL TABLE bench_trigram USING fts5(title, body, tokenize='trigram')")
        sql("INSERT INTO bench_trigram (rowid, title, body) "
            f"SELECT rowid, title, body FROM {search_schema.TABLE}")  # fmt: skip
        build = (time.perf_counter() - started) * 1000
        pages = sql("SELECT count(*) FROM dbstat WHERE name LIKE 'bench_trigram%'").scalar_one()
        ours = sql("SELECT count(*) FROM dbstat WHERE name LIKE 'search_index%'").scalar_one()
    print(f"trigram index: built in {build:.0f} ms, {pages} pages (the word index: {ours} pages)")
    for word in QUERIES["misspelt"]:
        grams = " OR ".join(f'"{word[i:i + 3]}"' for i in range(len(word) - 2))
        query = ("SELECT title FROM bench_trigram WHERE bench_trigram MATCH ? "
                 "ORDER BY rank LIMIT 50")  # fmt: skip
        with database.engine.connect() as connection:
            top = connection.exec_driver_sql(query, (grams,)).first()

            def run(c=connection, q=query, g=grams) -> None:  # type: ignore[no-untyped-def]
                c.exec_driver_sql(q, (g,)).all()

            p50, p95 = _timed(run, runs=10)
        print(f"  trigram OR {word:<12} p50 {p50:6.1f} ms p95 {p95:6.1f} ms, top: {str(top)[:50]}")


def _import_time(home: Path, pack: Path, with_triggers: bool) -> tuple[float, float]:
    """Wall time of the import, and the part of it spent inside SQLite statements (ms)."""
    os.environ[paths.ENV_HOME] = str(home)
    database = open_database(paths.resolve(), import_bundled=False)
    if not with_triggers:
        with database.engine.begin() as connection:
            for name in search_schema.trigger_names():
                connection.exec_driver_sql(f"DROP TRIGGER {name}")
    in_sqlite = [0.0]

    @event.listens_for(database.engine, "before_cursor_execute")
    def _before(_conn, _cursor, _sql, _params, context, _many):  # type: ignore[no-untyped-def]
        context.bench_started = time.perf_counter()

    @event.listens_for(database.engine, "after_cursor_execute")
    def _after(_conn, _cursor, _sql, _params, context, _many):  # type: ignore[no-untyped-def]
        in_sqlite[0] += time.perf_counter() - context.bench_started

    started = time.perf_counter()
    import_pack_file(database.session_factory, pack)
    elapsed = (time.perf_counter() - started) * 1000
    database.close()
    return elapsed, in_sqlite[0] * 1000


def bench_imports(workdir: Path) -> None:
    big = json.loads(bundled_pack_path().read_text("utf-8"))
    big["pack"]["id"] = big["pack"]["id"] + "-big"
    for i in range(5000 - len(big["events"])):  # the pack format's limit is 5,000 events
        big["events"].append({"key": f"bench-{i}", "title": f"Synthetic event {i}",
                              "description": "A long description of what happened. " * 4,
                              "date": str(1914 + i % 40), "date_label": str(1914 + i % 40),
                              "category": "war", "key_date": False})  # fmt: skip
    big_file = workdir / "big.json"
    big_file.write_text(json.dumps(big), "utf-8")
    packs = (("bundled pack", bundled_pack_path()), (f"{len(big['events'])}-event pack", big_file))
    for label, pack in packs:
        times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for run in range(3):
            for flag in (True, False):
                home = workdir / f"{label[:3]}-{flag}-{run}"
                times[flag].append(_import_time(home, pack, flag))
        (wall, sql), (wall0, sql0) = (
            [statistics.median(part) for part in zip(*times[flag], strict=True)]
            for flag in (True, False)
        )
        print(f"import {label}: {wall:.0f} ms with triggers, {wall0:.0f} ms without; "
              f"inside SQLite {sql:.0f} ms vs {sql0:.0f} ms (triggers: +{sql - sql0:.0f} ms)")


def main(items: int = 20_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        os.environ[paths.ENV_HOME] = str(workdir / "search")
        database = open_database(paths.resolve())
        started = time.perf_counter()
        fill(database, items, random.Random(1928))
        print(f"{items} synthetic items written in {time.perf_counter() - started:.1f} s "
              "(index kept by the triggers)")  # fmt: skip
        bench_queries(database)
        bench_trigram(database)
        database.close()
        bench_imports(workdir)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
