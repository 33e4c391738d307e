"""Each tab's commands, tried without any widget: controller → operation → bus → undo."""

from __future__ import annotations

import pytest

from studyapp.db.operations.events import EventFields
from studyapp.db.services import arguments, factors, notes, timeline
from studyapp.domain.changes import Kind
from studyapp.domain.errors import StudentError
from studyapp.ui.arguments.controller import ArgumentsController
from studyapp.ui.factors.controller import FactorsController
from studyapp.ui.notes.controller import NotesController
from studyapp.ui.timeline.controller import TimelineController


@pytest.fixture
def heard(tab_context):
    """What the bus carried: (sentences, changes)."""
    said, changed = [], []
    tab_context.bus.message.connect(said.append)
    tab_context.bus.changed.connect(changed.append)
    return said, changed


def test_timeline_controller_adds_edits_and_deletes(tab_context, heard):
    said, changed = heard
    commands, sf = TimelineController(tab_context), tab_context.session_factory
    row = commands.add(EventFields(title="Katyn massacre", edtf="1940-04", category="war"))
    assert changed[-1].ids(Kind.EVENT) == {row.id}
    assert commands.edit(row.id, EventFields(title="Katyn", edtf="1940-04", category="war"))
    assert not commands.edit(row.id, EventFields(title="Katyn", edtf="1940-04", category="war"))
    assert said[-1] == "Nothing changed."
    with pytest.raises(StudentError, match="not a date"):
        commands.edit(row.id, EventFields(title="Katyn", edtf="1939-02-31", category="war"))
    assert commands.delete(timeline.get_event(sf, row.id))
    tab_context.undo_stack.undo()
    assert timeline.get_event(sf, row.id).title == "Katyn"
    assert tab_context.undo_stack.count() == 3  # add, edit, delete — no entry for refusals


def test_notes_controller_annotates_and_ticks(tab_context, topic, heard):
    said, _changed = heard
    commands, sf = NotesController(tab_context), tab_context.session_factory
    section = notes.section_tree(sf, topic.id)[0].children[0]
    item = notes.section_items(sf, section.id)[0]
    assert commands.annotate(item, "See Haslam")
    assert commands.set_learnt(item, True)
    assert not commands.set_learnt(notes.get_item(sf, item.id), True)
    after = notes.get_item(sf, item.id)
    assert after.annotation == "See Haslam" and after.learnt
    with pytest.raises(StudentError):
        commands.edit_text(item, "")
    tab_context.undo_stack.undo()
    tab_context.undo_stack.undo()
    assert notes.get_item(sf, item.id) == item
    assert said[-1].startswith("Undone: Annotate")


def test_factors_controller_ranks_and_rates(tab_context, topic, heard):
    said, _changed = heard
    commands, sf = FactorsController(tab_context), tab_context.session_factory
    ranking = factors.list_factors(sf, topic.id)
    assert commands.move(ranking[3], 3, 0)
    assert factors.list_factors(sf, topic.id)[0].id == ranking[3].id
    assert not commands.move(ranking[3], 0, -1)
    assert said[-1].startswith("“") and "already at the top" in said[-1]
    assert commands.rate(ranking[0], 4)
    assert not commands.rate(ranking[0], 7)
    assert said[-1] == "Importance is rated from 1 to 5."
    tab_context.undo_stack.undo()
    tab_context.undo_stack.undo()
    assert factors.list_factors(sf, topic.id) == ranking


def test_arguments_controller_builds_a_table(tab_context, topic):
    commands, sf = ArgumentsController(tab_context), tab_context.session_factory
    question = commands.add_question("To what extent was the Pact a defensive move?", "")
    assert question.sides == ("for", "against") and question.command_term == "To what extent"
    first = commands.add_point(question.id, "for", "It bought time", "", 4, "")
    second = commands.add_point(question.id, "for", "It bought land", "", 2, "")
    assert commands.move_point(second, "for", 0)
    assert commands.switch_side(first, question, 0)
    shown = {(p.side, p.claim, p.position) for p in arguments.list_points(sf, question.id)}
    assert shown == {("for", "It bought land", 0), ("against", "It bought time", 0)}
    assert commands.set_judgement(question.id, "Largely defensive", "")
    assert arguments.get_judgement(sf, question.id).thesis == "Largely defensive"
    with pytest.raises(StudentError, match="claim"):
        commands.add_point(question.id, "for", "  ", "", 3, "")


def test_arguments_controller_evidence_layout_and_chips(tab_context, heard):
    """Issue #8: attach and remove evidence, change the layout, open chips (a quote opens
    where the notes quote it)."""
    said, changed = heard
    commands, sf = ArgumentsController(tab_context), tab_context.session_factory
    opened = []
    tab_context.bus.open_requested.connect(lambda kind, item: opened.append((kind, item)))
    specimen = arguments.list_questions(sf, tab_context.topic_id)[0]
    point = arguments.list_points(sf, specimen.id)[0]
    munich = commands.candidates("Munich Conference", (Kind.EVENT,))[0]
    assert commands.attach_evidence(point, munich)
    assert changed[-1].ids(Kind.POINT) == {point.id}
    assert not commands.attach_evidence(point, munich)  # refused: already cited
    assert said[-1] == "This point already cites that event."
    chip = next(c for c in arguments.list_points(sf, specimen.id)[0].evidence
                if c.target_id == munich.id)  # fmt: skip
    commands.open_evidence(chip)
    assert opened[-1] == (Kind.EVENT.value, munich.id)
    berlin = next(p for p in arguments.list_points(sf, specimen.id) if "Berlin" in p.claim)
    quote = next(c for c in berlin.evidence if c.kind == Kind.QUOTE)
    commands.open_evidence(quote)
    assert opened[-1][0] == Kind.NOTE_ITEM.value
    assert commands.remove_evidence(chip)
    assert commands.set_table_type(specimen, "compare")
    assert arguments.get_question(sf, specimen.id).sides == ("similarity", "difference")
    tab_context.undo_stack.undo()
    tab_context.undo_stack.undo()
    assert munich.id in [c.target_id for c in arguments.list_points(sf, specimen.id)[0].evidence]
