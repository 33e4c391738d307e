"""Starter points from the notes are marked as such, and re-importing the pack (or a newer
version of it) never overwrites what the student did with them."""

from __future__ import annotations

from studyapp.db.operations import arguments as arg_ops
from studyapp.db.operations.base import perform
from studyapp.db.pack_import import import_pack_file
from studyapp.db.services import arguments
from studyapp.domain.changes import Kind
from tests.conftest import table_counts


def _nov(session_factory, topic):
    question = next(q for q in arguments.list_questions(session_factory, topic.id)
                    if q.exam_source == "Nov 2008")  # fmt: skip
    return question, {p.key: p for p in arguments.list_points(session_factory, question.id)}


def test_a_newer_pack_updates_untouched_starters_and_keeps_the_students(
        database, session_factory, topic, pack_file):  # fmt: skip
    question, points = _nov(session_factory, topic)
    assert all(p.starter for p in points.values()) and len(points) == 7
    edited, cited = points["nov08-for-undecided"], points["nov08-for-half-hearted-support"]
    perform(session_factory, arg_ops.edit_point(edited.id, claim="My own wording."))
    yalta = next(c for c in arguments.evidence_candidates(session_factory, topic.id, "Yalta")
                 if c.kind == Kind.EVENT)  # fmt: skip
    perform(session_factory, arg_ops.add_evidence(cited.id, Kind.EVENT, yalta.id))
    before = table_counts(database)

    def newer(pack):
        pack["pack"]["version"] = "1.1.0"
        nov = next(q for q in pack["questions"] if q["key"] == "nov-2008-inconsistent")
        for point in nov["points"]:
            point["claim"] += " (revised)"

    import_pack_file(session_factory, pack_file(newer))
    _question, after = _nov(session_factory, topic)
    assert table_counts(database) == before  # nothing duplicated, nothing lost
    assert after[edited.key].claim == "My own wording." and not after[edited.key].starter
    assert after[cited.key].claim == cited.claim  # citing evidence made it the student's
    assert "Yalta Conference, 4–11 Feb 1945" in [c.label for c in after[cited.key].evidence]
    untouched = after["nov08-against-security-aim"]
    assert untouched.claim.endswith(" (revised)") and untouched.starter
