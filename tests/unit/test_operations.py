"""Typed operations: each refuses bad values with one sentence and writes nothing; each returns
an inverse that puts things back exactly, and the inverse of that redoes the change."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from studyapp.db.operations import arguments as arg_ops
from studyapp.db.operations import events as event_ops
from studyapp.db.operations import factors as factor_ops
from studyapp.db.operations import notes as note_ops
from studyapp.db.operations.base import Operation, Outcome, perform
from studyapp.db.services import arguments, factors, notes, timeline
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError
from tests.conftest import table_counts

MISSING = 999_999


def _event(session_factory, topic, key):
    return next(e for e in timeline.list_events(session_factory, topic.id) if e.key == key)


def _fields(row) -> event_ops.EventFields:
    names = event_ops.EventFields.__dataclass_fields__
    return event_ops.EventFields(**{name: getattr(row, name) for name in names})


def _specimen(session_factory, topic):
    return arguments.list_questions(session_factory, topic.id)[0]


def _dump(database) -> list[tuple]:
    """Every row of the content tables: equal before and after means nothing was written."""
    with database.engine.connect() as connection:
        return [
            tuple(row)
            for table in ("event", "point", "factor", "note_item", "question", "judgement",
                          "key_term")
            for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
        ]


def _refusals(session_factory, topic) -> list[tuple[str, Operation]]:
    question = _specimen(session_factory, topic)
    point = arguments.list_points(session_factory, question.id)[0]
    munich = _event(session_factory, topic, "munich-conference")
    factor = factors.list_factors(session_factory, topic.id)[0]
    section = notes.section_tree(session_factory, topic.id)[0].children[0]
    item = notes.section_items(session_factory, section.id)[0]
    fields = _fields(munich)
    return [
        ("needs a claim", arg_ops.add_point(question.id, "for", "  ")),
        ("needs a claim", arg_ops.edit_point(point.id, claim="")),
        ("from 1 to 5", arg_ops.add_point(question.id, "for", "Claim", weight=0)),
        ("from 1 to 5", arg_ops.add_point(question.id, "for", "Claim", weight=9)),
        ("from 1 to 5", arg_ops.edit_point(point.id, weight=0)),
        ("from 1 to 5", arg_ops.edit_point(point.id, weight=9)),
        ("not a side", arg_ops.add_point(question.id, "sideways", "Claim")),
        ("not a side", arg_ops.move_point(point.id, "sideways", 0)),
        ("no Similarities column", arg_ops.move_point(point.id, "similarity", 0)),
        ("no longer exists", arg_ops.add_point(MISSING, "for", "Claim")),
        ("no longer exists", arg_ops.edit_point(MISSING, claim="Claim")),
        ("no longer exists", arg_ops.move_point(MISSING, "for", 0)),
        ("no longer exists", arg_ops.delete_point(MISSING)),
        ("no longer exists", arg_ops.set_judgement(MISSING, "Thesis", "")),
        ("Write the question", arg_ops.add_question(topic.id, " \n ")),
        ("needs a title", event_ops.add_event(topic.id, replace(fields, title="  "))),
        ("needs a title", event_ops.edit_event(munich.id, replace(fields, title=""))),
        ("Munich-ish", event_ops.edit_event(munich.id, replace(fields, edtf="Munich-ish"))),
        ("not a timeline category", event_ops.edit_event(munich.id,
                                                         replace(fields, category="gossip"))),
        ("no longer exists", event_ops.edit_event(MISSING, fields)),
        ("no longer exists", event_ops.delete_event(MISSING, "Gone")),
        ("from 1 to 5", factor_ops.rate_factor(factor.id, 0)),
        ("from 1 to 5", factor_ops.rate_factor(factor.id, 9)),
        ("already at the top", factor_ops.move_factor(factor.id, -1)),
        ("no longer exists", factor_ops.rate_factor(MISSING, 3)),
        ("some text", note_ops.edit_note_item(item.id, "   ")),
        ("no longer exists", note_ops.set_learnt(MISSING, True)),
        # issue 7: confidence, the student's own items and sections, comparisons
        ("not not yet, shaky or secure", note_ops.set_confidence(section.id, "certain")),
        ("no longer exists", note_ops.set_confidence(MISSING, "secure")),
        ("some text", note_ops.add_note_item(section.id, "  ")),
        ("no longer exists", note_ops.add_note_item(MISSING, "My point")),
        ("needs a heading", note_ops.add_note_section(topic.id, None, " ")),
        ("no longer exists", note_ops.add_note_section(topic.id, MISSING, "Mine")),
        ("Pick two different", factor_ops.compare_factors(factor.id, factor.id, "Because.")),
        ("Write why", factor_ops.compare_factors(factor.id, factor.id + 1, " ")),
        ("no longer exists", factor_ops.compare_factors(factor.id, MISSING, "Because.")),
        ("no longer exists", factor_ops.edit_comparison(MISSING, "Because.")),
        *_argument_refusals(session_factory, topic, point.id, munich.id),
        *_key_term_refusals(session_factory, topic, section.id),
    ]


def _key_term_refusals(session_factory, topic, section_id: int) -> list[tuple[str, Operation]]:
    """Key terms (0007): the term and its meaning are required; the section must exist."""
    from studyapp.db.operations import key_terms as term_ops
    from studyapp.db.services.key_terms import list_key_terms

    term = list_key_terms(session_factory, topic.id)[0]
    return [
        ("needs the term", term_ops.add_key_term(topic.id, "  ", "A meaning.")),
        ("needs its meaning", term_ops.add_key_term(topic.id, "Détente", "\n ")),
        ("at most 200", term_ops.add_key_term(topic.id, "x" * 201, "A meaning.")),
        ("no longer in your notes", term_ops.add_key_term(topic.id, "Détente", "A meaning.",
                                                          MISSING)),  # fmt: skip
        ("needs the term", term_ops.edit_key_term(term.id, "", term.meaning, section_id)),
        ("needs its meaning", term_ops.edit_key_term(term.id, term.term, "", section_id)),
        ("no longer in your notes", term_ops.edit_key_term(term.id, term.term, term.meaning,
                                                           MISSING)),  # fmt: skip
        ("no longer exists", term_ops.edit_key_term(MISSING, "Term", "Meaning.", None)),
        ("no longer exists", term_ops.delete_key_term(MISSING, "Gone")),
    ]


def _argument_refusals(session_factory, topic, point_id: int, event_id: int
                       ) -> list[tuple[str, Operation]]:  # fmt: skip
    """Issue #8: layout, evidence, historians, rebuttals."""
    question = _specimen(session_factory, topic)
    cited = arguments.list_points(session_factory, question.id)[0].evidence[0]
    return [
        ("not a way to lay out", arg_ops.set_table_type(question.id, "sideways")),
        ("no longer exists", arg_ops.set_table_type(MISSING, "compare")),
        ("no longer exists", arg_ops.add_evidence(point_id, Kind.EVENT, MISSING)),
        ("no longer exists", arg_ops.add_evidence(MISSING, Kind.EVENT, event_id)),
        ("already cites", arg_ops.add_evidence(cited_point(session_factory, question.id),
                                               cited.kind, cited.target_id)),
        ("Only events", arg_ops.add_evidence(point_id, Kind.POINT, point_id)),
        ("no longer attached", arg_ops.remove_evidence(MISSING)),
        ("needs a name", arg_ops.add_historian(topic.id, "  ")),
        ("traditionalist, revisionist", arg_ops.add_historian(topic.id, "Carr", school="Whig")),
        ("no longer exists", arg_ops.edit_historian(MISSING, name="Carr")),
        ("needs a claim", arg_ops.add_point(question.id, "factor", "", rebuttal="But…")),
    ]


def cited_point(session_factory, question_id: int) -> int:
    return arguments.list_points(session_factory, question_id)[0].id


def test_every_refusal_is_one_sentence_and_writes_nothing(database, session_factory, topic):
    before_rows, before_counts = _dump(database), table_counts(database)
    for expected, operation in _refusals(session_factory, topic):
        with pytest.raises(StudentError, match=expected) as refused:
            perform(session_factory, operation)
        sentence = str(refused.value)
        assert sentence.endswith(".") and "\n" not in sentence, sentence
        assert _dump(database) == before_rows, f"{operation.label} wrote something"
    assert table_counts(database) == before_counts


def _round_trip(session_factory, operation: Operation, read) -> Outcome:
    """Do, undo (the inverse), redo (the inverse's inverse): the reads match each time."""
    before = read()
    outcome = perform(session_factory, operation)
    after = read()
    assert after != before
    undone = perform(session_factory, outcome.inverse)
    assert read() == before
    perform(session_factory, undone.inverse)
    assert read() == after
    return outcome


def test_editing_an_event_rewrites_its_bounds_and_undo_restores_them(session_factory, topic):
    munich = _event(session_factory, topic, "munich-conference")
    operation = event_ops.edit_event(munich.id, replace(_fields(munich), title="Munich",
                                                        edtf="1938-09-30"))  # fmt: skip
    outcome = _round_trip(session_factory, operation,
                          lambda: timeline.get_event(session_factory, munich.id))  # fmt: skip
    assert outcome.changes == Changes.of(Kind.EVENT, munich.id)
    perform(session_factory, outcome.inverse)
    assert timeline.get_event(session_factory, munich.id) == munich  # user_modified too


def test_an_unchanged_form_writes_nothing_and_has_no_undo(session_factory, topic):
    munich = _event(session_factory, topic, "munich-conference")
    outcome = perform(session_factory, event_ops.edit_event(munich.id, _fields(munich)))
    assert outcome.inverse is None and outcome.summary == "Nothing changed."
    assert timeline.get_event(session_factory, munich.id) == munich


def test_study_state_does_not_mark_a_row_as_edited(session_factory, topic):
    section = notes.section_tree(session_factory, topic.id)[0].children[0]
    item = notes.section_items(session_factory, section.id)[0]
    perform(session_factory, note_ops.set_learnt(item.id, True))
    perform(session_factory, note_ops.annotate_item(item.id, "  Revise  "))
    after = notes.get_item(session_factory, item.id)
    assert after.learnt and after.annotation == "Revise" and not after.user_modified
    perform(session_factory, note_ops.edit_note_item(item.id, "Reworded"))
    assert notes.get_item(session_factory, item.id).user_modified


def test_delete_and_its_undo_bring_back_the_row_and_its_links(session_factory, topic):
    berlin = _event(session_factory, topic, "berlin-blockade")

    def links() -> tuple[int, int, int]:
        with session_factory() as session:
            count = lambda sql: session.execute(text(sql), {"id": berlin.id}).scalar()  # noqa: E731
            return (count("SELECT count(*) FROM evidence WHERE event_id = :id"),
                    count("SELECT count(*) FROM note_item_event WHERE event_id = :id"),
                    count("SELECT count(*) FROM pack_tombstone"))  # fmt: skip

    before = links()
    assert before[0] >= 1 and before[1] >= 1 and before[2] == 0
    outcome = perform(session_factory, event_ops.delete_event(berlin.id, berlin.title))
    assert links() == (0, 0, 1)  # a tombstone keeps a re-import from bringing it back
    redo = perform(session_factory, outcome.inverse)
    assert timeline.get_event(session_factory, berlin.id) == berlin and links() == before
    perform(session_factory, redo.inverse)
    assert berlin.id not in {e.id for e in timeline.list_events(session_factory, topic.id)}


def test_an_added_event_comes_back_with_the_same_id_after_undo_and_redo(session_factory, topic):
    fields = event_ops.EventFields(title=" Purge of the Red Army command ", edtf="1937-06",
                                   category="domestic")  # fmt: skip
    outcome = perform(session_factory, event_ops.add_event(topic.id, fields))
    added = outcome.value
    assert added.title == "Purge of the Red Army command" and added.source == "user"
    assert (added.precision, added.date_label) == ("month", "1937-06")
    order = [e.id for e in timeline.list_events(session_factory, topic.id)]
    assert order.index(added.id) < order.index(_event(session_factory, topic, "anschluss").id)
    redo = perform(session_factory, outcome.inverse)
    assert added.id not in {e.id for e in timeline.list_events(session_factory, topic.id)}
    perform(session_factory, redo.inverse)
    assert timeline.get_event(session_factory, added.id) == added


def test_factor_ranking_moves_and_moves_back(session_factory, topic):
    def order() -> list[int]:
        return [f.id for f in factors.list_factors(session_factory, topic.id)]

    before = order()
    _round_trip(session_factory, factor_ops.move_factor(before[5], 0), order)
    assert order()[0] == before[5]


def test_moving_a_point_across_columns_is_one_write_and_undoes_exactly(session_factory, topic):
    question = _specimen(session_factory, topic)

    def columns() -> dict[str, list[int]]:
        """Each column top to bottom (positions only order points within their column)."""
        shown: dict[str, list[int]] = {"for": [], "against": []}
        for point in arguments.list_points(session_factory, question.id):
            shown[point.side].append(point.id)
        return shown

    for_points = [p for p in arguments.list_points(session_factory, question.id)
                  if p.side == "for"]  # fmt: skip
    _round_trip(session_factory, arg_ops.move_point(for_points[0].id, "against", 0), columns)
    assert columns()["against"][0] == for_points[0].id
    _round_trip(session_factory, arg_ops.move_point(for_points[0].id, "against", 2), columns)
    assert columns()["against"][2] == for_points[0].id
    unmoved = perform(session_factory, arg_ops.move_point(for_points[0].id, "against", 2))
    assert unmoved.inverse is None and unmoved.summary == "Nothing changed."


def test_points_and_judgements_round_trip(session_factory, topic):
    compare = arguments.list_questions(session_factory, topic.id)[2]
    assert compare.sides == ("similarity", "difference")
    starters = [p for p in arguments.list_points(session_factory, compare.id)
                if p.side == "similarity"]  # fmt: skip
    first = perform(session_factory, arg_ops.add_point(compare.id, "similarity", "Pragmatic"))
    assert first.value.position == len(starters) and first.value.weight == 3
    _round_trip(session_factory, arg_ops.set_judgement(compare.id, "Thesis", "Conclusion"),
                lambda: arguments.get_judgement(session_factory, compare.id))  # fmt: skip
    _round_trip(session_factory, arg_ops.edit_point(first.value.id, claim="Both pragmatic",
                                                    weight=5),
                lambda: arguments.list_points(session_factory, compare.id))  # fmt: skip


def test_a_students_question_reads_its_command_term(session_factory, topic):
    outcome = perform(session_factory, arg_ops.add_question(
        topic.id, "Evaluate   the success of collective security."))  # fmt: skip
    question = outcome.value
    assert question.command_term == "Evaluate" and question.sides == ("for", "against")
    assert question.text == "Evaluate the success of collective security."


def test_a_bug_inside_an_operation_is_not_dressed_up_as_a_refusal(session_factory):
    class Broken:
        label = "Broken"

        def apply(self, session):
            session.execute(text("UPDATE event SET title = 'half-written'"))
            raise RuntimeError("a bug")

    with pytest.raises(RuntimeError):
        perform(session_factory, Broken())
    with session_factory() as session:  # and the transaction was rolled back
        assert not session.execute(text("SELECT 1 FROM event WHERE title = 'half-written'")).all()


def test_a_whole_topic_removed_comes_back_exactly_with_undo(database, session_factory, topic):
    from studyapp.db.operations.topics import remove_topic

    before_rows, before_counts = _dump(database), table_counts(database)
    outcome = perform(session_factory, remove_topic(topic.id, topic.title))
    assert table_counts(database)["event"] == 0 and table_counts(database)["evidence"] == 0
    redo = perform(session_factory, outcome.inverse)  # evidence has two parents: still fine

    def content(counts: dict[str, int]) -> dict[str, int]:
        # Not the index's internal pages, nor the notes of rows whose cards are to be re-synced.
        return {name: n for name, n in counts.items()
                if not name.startswith("search_index") and name != "card_source_change"}

    assert _dump(database) == before_rows
    assert content(table_counts(database)) == content(before_counts)
    perform(session_factory, redo.inverse)
    assert table_counts(database)["topic"] == 0


def test_a_new_topic_gets_its_own_pack_id_and_template_sections(session_factory):
    from studyapp.db.operations.topics import TopicFields, create_topic, rename_topic

    fields = TopicFields(title="  The Cuban Missile Crisis ", period_label="1962", exam="IB")
    made = perform(session_factory, create_topic(fields, "Causes, course and consequences"))
    topic = made.value
    assert topic.title == "The Cuban Missile Crisis"
    assert topic.pack_id.startswith("my-the-cuban-missile-crisis-")
    titles = [s.title for s in notes.section_tree(session_factory, topic.id)]
    assert titles == ["Background", "Causes", "Course", "Consequences", "Historians' views"]
    with pytest.raises(StudentError, match="needs a title"):
        perform(session_factory, rename_topic(topic.id, " "))
    perform(session_factory, perform(session_factory, made.inverse).inverse)  # undo, redo
    assert [s.title for s in notes.section_tree(session_factory, topic.id)] == titles


def test_layout_changes_move_points_between_columns_and_back(session_factory, topic):
    question = _specimen(session_factory, topic)

    def sides():
        return ([p.side for p in arguments.list_points(session_factory, question.id)],
                arguments.get_question(session_factory, question.id).sides)  # fmt: skip

    _round_trip(session_factory, arg_ops.set_table_type(question.id, "factors"), sides)
    assert set(sides()[0]) == {"factor"} and sides()[1] == ("factor",)
    perform(session_factory, arg_ops.set_table_type(question.id, "compare"))
    assert set(sides()[0]) == {"similarity"}  # one column, so all come back to the first


def test_evidence_is_attached_dated_and_removed_exactly(session_factory, topic):
    question = _specimen(session_factory, topic)
    point = arguments.list_points(session_factory, question.id)[0]
    pact = _event(session_factory, topic, "berlin-blockade")

    def chips():
        return next(p for p in arguments.list_points(session_factory, question.id)
                    if p.id == point.id)  # fmt: skip

    outcome = _round_trip(session_factory, arg_ops.add_evidence(point.id, Kind.EVENT, pact.id),
                          chips)  # fmt: skip
    row = chips()
    assert "Berlin Blockade, Jun 1948 – May 1949" in [c.label for c in row.evidence]
    assert not row.starter  # the student's own now: a newer pack keeps their evidence
    link = next(c for c in row.evidence if c.target_id == pact.id)
    assert link.evidence_id == outcome.value
    _round_trip(session_factory, arg_ops.remove_evidence(link.evidence_id), chips)


def test_a_factor_and_a_historian_can_be_cited(session_factory, topic):
    question = _specimen(session_factory, topic)
    point = arguments.list_points(session_factory, question.id)[-1]
    factor = factors.list_factors(session_factory, topic.id)[0]
    added = perform(session_factory, arg_ops.add_historian(
        topic.id, "E. H. Carr", "The Twenty Years' Crisis", "Revisionist", "Realist."))
    assert added.value.school == "revisionist"
    perform(session_factory, arg_ops.add_evidence(point.id, Kind.FACTOR, factor.id))
    perform(session_factory, arg_ops.add_evidence(point.id, Kind.HISTORIAN, added.value.id))

    def cited():
        return {(c.kind, c.target_id) for c in
                arguments.list_points(session_factory, question.id)[-1].evidence}  # fmt: skip

    assert {(Kind.FACTOR, factor.id), (Kind.HISTORIAN, added.value.id)} <= cited()
    deleted = perform(session_factory, arg_ops.delete_historian(added.value.id, "E. H. Carr"))
    assert (Kind.HISTORIAN, added.value.id) not in cited()
    perform(session_factory, deleted.inverse)
    assert (Kind.HISTORIAN, added.value.id) in cited()


def test_a_rebuttal_is_saved_with_the_point(session_factory, topic):
    question = _specimen(session_factory, topic)
    added = perform(session_factory, arg_ops.add_point(question.id, "for", "Claim",
                                                       counter="But", rebuttal="However"))
    assert added.value.rebuttal == "However"
    _round_trip(session_factory, arg_ops.edit_point(added.value.id, rebuttal="Yet"),
                lambda: arguments.list_points(session_factory, question.id))
