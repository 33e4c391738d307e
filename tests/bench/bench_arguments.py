"""Argument builder benchmark: a question with many points, each citing several items — how
long the tab's reads (points with dated chips, balance and gaps), the essay plan and its four
exports take.

Run: `.venv/bin/python tests/bench/bench_arguments.py [points]` (default 200 points, 4 pieces of
evidence each). Not part of the default test run: timings never gate unit tests.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _timed(label: str, work, runs: int = 5) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    print(f"{label:<38} median {statistics.median(times):8.1f} ms  (best {min(times):.1f})")


def main(count: int) -> None:
    from studyapp import paths
    from studyapp.db.database import open_database
    from studyapp.db.operations import arguments as ops
    from studyapp.db.operations.base import perform
    from studyapp.db.services import arguments as service
    from studyapp.db.services.topic import current_topic
    from studyapp.export.plan import write_plan

    home = Path(tempfile.mkdtemp(prefix="bench-arguments-"))
    database = open_database(paths.resolve(home))
    sf = database.session_factory
    topic = current_topic(sf)
    assert topic is not None
    question = perform(sf, ops.add_question(topic.id, "To what extent was it all planned?")).value
    candidates = service.evidence_candidates(sf, topic.id)
    for n in range(count):
        point = perform(sf, ops.add_point(question.id, ("for", "against")[n % 2],
                                          f"Claim number {n}", "Because.", 1 + n % 5)).value
        for k in range(4):
            target = candidates[(n * 4 + k) % len(candidates)]
            perform(sf, ops.add_evidence(point.id, target.kind, target.id))
    print(f"{count} points, {count * 4} evidence links")
    points = service.list_points(sf, question.id)
    _timed("list_points (cards with dated chips)", lambda: service.list_points(sf, question.id))
    _timed("question_balance (weights and gaps)",
           lambda: service.question_balance(sf, question, points))
    _timed("evidence_candidates ('pact')",
           lambda: service.evidence_candidates(sf, topic.id, "pact"))
    _timed("plan_markdown", lambda: service.plan_markdown(sf, question.id))
    markdown = service.plan_markdown(sf, question.id)
    for fmt in ("md", "html", "docx", "pdf"):
        _timed(f"export {fmt}", lambda f=fmt: write_plan(markdown, f, home / f"plan.{f}"), 3)
    database.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
