"""Issue #8, end to end as a student would: a new "To what extent" question, points on both
sides, evidence attached through the picker, a weight, a reorder, a side switched by dragging,
a judgement, then the essay plan edited and exported; plus the layout switch, evidence chips
that open their item, historians, and what the tab looks like at 1280×800 and 900×600."""

from __future__ import annotations

import docx
import pytest
from markdown_it import MarkdownIt
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from studyapp.db.services.arguments import get_judgement, list_points
from studyapp.domain.changes import Kind
from studyapp.ui.arguments.dialogs import HistorianDialog, PointDialog, QuestionDialog
from studyapp.ui.arguments.evidence import EvidencePicker
from studyapp.ui.arguments.model import HTML_ROLE
from studyapp.ui.arguments.plan import PlanDialog
from studyapp.ui.arguments.tab import ArgumentsTab
from studyapp.ui.arguments.view import POINT_MIME

QUESTION = "To what extent was the Nazi–Soviet Pact a defensive move by Stalin?"
LEFT, RIGHT = 0, 1


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _add_point(qtbot, tab, column, claim, weight=3, counter="") -> None:
    _click(qtbot, tab.columns[column].add_button)
    dialog = tab.active_dialog
    assert isinstance(dialog, PointDialog)
    qtbot.keyClicks(dialog.claim, claim)
    dialog.weight.setValue(weight)
    if counter:
        qtbot.keyClicks(dialog.counter, counter)
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()


def _key(qtbot, tab, column, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    view = tab.columns[column].view
    view.setFocus()
    qtbot.keyClick(view, key, modifier)


def _attach(qtbot, tab, column, row, search) -> None:
    view = tab.columns[column].view
    view.setCurrentIndex(view.model().index(row, 0))
    _key(qtbot, tab, column, Qt.Key.Key_E)
    picker = tab.active_dialog
    assert isinstance(picker, EvidencePicker)
    picker.query.setText(search)
    assert picker.results.count() >= 1
    _click(qtbot, picker.attach_button)
    assert picker.status.text().startswith("Attached “")
    picker.close()


def _drop(tab, point_id, column, row) -> None:
    """Drop a dragged card on `column`, over the card at `row` (its upper half)."""
    view = tab.columns[column].view
    mime = QMimeData()
    mime.setData(POINT_MIME, str(point_id).encode("ascii"))
    rect = view.visualRect(view.model().index(row, 0))
    event = QDropEvent(QPointF(rect.center().x(), rect.top() + 2), Qt.DropAction.MoveAction,
                       mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)


def _claims(tab_context, question_id, side) -> list[str]:
    return [p.claim for p in list_points(tab_context.session_factory, question_id)
            if p.side == side]


def test_a_new_question_becomes_an_exported_essay_plan(qtbot, open_tab, tab_context, tmp_path):
    tab = open_tab(ArgumentsTab)
    _click(qtbot, tab.new_question_button)
    form = tab.active_dialog
    assert isinstance(form, QuestionDialog)
    form.text.setPlainText(QUESTION)  # keyClicks types ASCII only; this has a dash
    _click(qtbot, form.ok_button)
    mine = tab.current_question()
    assert mine.text == QUESTION and mine.sides == ("for", "against")

    _add_point(qtbot, tab, LEFT, "The Pact bought time to rearm.", weight=4)
    _add_point(qtbot, tab, LEFT, "It gave the USSR a buffer zone in Poland.", weight=2)
    _add_point(qtbot, tab, RIGHT, "Stalin gained territory: eastern Poland and the Baltic.",
               counter="Territory was itself a defence in depth.")  # fmt: skip
    _attach(qtbot, tab, LEFT, 0, "Nazi–Soviet Pact")
    _attach(qtbot, tab, RIGHT, 0, "eastern Poland")

    # weight: edit the buffer-zone point from the details beside the table
    tab.columns[LEFT].select_point(tab.columns[LEFT].model.rows[1].id)
    _click(qtbot, tab.detail.edit_button)
    tab.active_dialog.weight.setValue(5)
    _click(qtbot, tab.active_dialog.ok_button)
    assert tab.selected_point().claim == "It gave the USSR a buffer zone in Poland."
    # reorder by keyboard: the buffer zone first
    _key(qtbot, tab, LEFT, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _claims(tab_context, mine.id, "for")[0] == "It gave the USSR a buffer zone in Poland."
    # switch side by dragging the "time to rearm" card onto Against, above its first card
    rearm = next(p for p in tab.columns[LEFT].model.rows if "rearm" in p.claim)
    _drop(tab, rearm.id, RIGHT, 0)
    assert _claims(tab_context, mine.id, "against")[0] == "The Pact bought time to rearm."
    assert tab.columns[RIGHT].current_point().id == rearm.id

    qtbot.keyClicks(tab.judgement.thesis, "The Pact was largely defensive.")
    tab.judgement.flush()
    assert get_judgement(tab_context.session_factory, mine.id).thesis == (
        "The Pact was largely defensive.")

    _click(qtbot, tab.plan_button)
    plan = tab.active_dialog
    assert isinstance(plan, PlanDialog)
    plan.editor.appendPlainText("\nRemember: define “defensive” in the introduction.")
    assert plan.export_to(tmp_path / "plan.md") and plan.export_to(tmp_path / "plan.docx")
    markdown = (tmp_path / "plan.md").read_text("utf-8")
    inline = " ".join("".join(c.content for c in t.children or [] if c.type == "text")
                      for t in MarkdownIt().parse(markdown) if t.type == "inline")  # fmt: skip
    word = "\n".join(p.text for p in docx.Document(str(tmp_path / "plan.docx")).paragraphs)
    for text in (inline, word):
        assert f"Essay plan: {QUESTION}" in text
        assert "Line of argument: The Pact was largely defensive." in text
        assert "Point: It gave the USSR a buffer zone in Poland." in text
        assert "Point: The Pact bought time to rearm." in text
        assert "Nazi–Soviet Pact, 23 Aug 1939" in text  # the dated chip
        assert "The Red Army invades eastern Poland, 17 Sep 1939" in text
        assert "Remember: define “defensive”" in text  # the student's edit
    headings = [line for line in markdown.splitlines() if line.startswith("## Paragraph")]
    assert headings[0] == "## Paragraph 1: For (weight 5 of 5)"  # heaviest first
    plan.copy_markdown()
    assert QApplication.clipboard().text() == plan.markdown()
    assert not plan.export_to(tmp_path / "plan.txt")
    assert plan.status.text() == "'txt' is not a plan format; use md, html, pdf or docx."
    assert not (tmp_path / "plan.txt").exists()


def test_a_chip_opens_its_item_and_can_be_removed(qtbot, open_tab, tab_context):
    tab = open_tab(ArgumentsTab)
    opened = []
    tab_context.bus.open_requested.connect(lambda kind, item: opened.append((kind, item)))
    tab.columns[LEFT].select_point(tab.columns[LEFT].model.rows[1].id)  # the Berlin Blockade
    chips = tab.detail.chip_buttons()
    berlin = next(c for c in chips if c.chip.label == "Berlin Blockade, Jun 1948 – May 1949")
    qtbot.waitUntil(berlin.isVisible)
    _click(qtbot, berlin)
    assert opened == [(Kind.EVENT.value, berlin.chip.target_id)]
    tab.detail.remove_requested.emit(berlin.chip)
    labels = [c.chip.label for c in tab.detail.chip_buttons()]
    assert "Berlin Blockade, Jun 1948 – May 1949" not in labels
    tab_context.undo_stack.undo()
    assert "Berlin Blockade, Jun 1948 – May 1949" in [c.chip.label
                                                       for c in tab.detail.chip_buttons()]


def test_the_layout_follows_the_command_term_and_can_be_changed(qtbot, open_tab, tab_context):
    tab = open_tab(ArgumentsTab)
    tab.layout_combo.setCurrentIndex(tab.layout_combo.findData("factors"))
    tab.layout_combo.activated.emit(tab.layout_combo.currentIndex())
    assert [c.heading.text() for c in tab.columns if c.isVisibleTo(tab)] == ["Factors"]
    assert tab.columns[LEFT].model.rowCount() == 5
    tab_context.undo_stack.undo()
    assert [c.heading.text() for c in tab.columns] == ["For", "Against"]
    assert tab.columns[RIGHT].model.rowCount() == 3


def test_nov_2008_starters_and_the_gaps_they_leave(qtbot, open_tab, tab_context):
    tab = open_tab(ArgumentsTab)
    nov = next(q for q in tab.question_model.rows if q.exam_source == "Nov 2008")
    tab.choose_question(nov.id)
    assert tab.columns[LEFT].model.rowCount() == 4 and tab.columns[RIGHT].model.rowCount() == 3
    assert all(p.starter for c in tab.columns for p in c.model.rows)
    assert "starter" in tab.columns[LEFT].model.index(0, 0).data(HTML_ROLE)
    warnings = tab.warnings.text()  # 1928–53: every period has evidence, not every key date
    assert "No evidence from" not in warnings
    assert warnings.startswith("Key dates not used anywhere: “Wall Street Crash")
    qtbot.keyClicks(tab.judgement.thesis, "Stalin's policy changed a lot.")
    assert "“to what extent”" in tab.judgement.hint.text()


def test_historians_are_added_and_then_offered_as_evidence(qtbot, open_tab, tab_context):
    tab = open_tab(ArgumentsTab)
    dialog = tab.open_historians()
    assert dialog.list.count() == 3
    form = dialog.open_add()
    assert isinstance(form, HistorianDialog)
    qtbot.keyClicks(form.name, "Geoffrey Roberts")
    form.school.setCurrentIndex(3)  # post-revisionist
    qtbot.keyClicks(form.stance, "Stalin wanted a post-war settlement with the West.")
    _click(qtbot, form.ok_button)
    assert dialog.list.count() == 4
    tab.columns[LEFT].select_point(tab.columns[LEFT].model.rows[0].id)
    picker = tab.open_evidence_picker()
    picker.kind.setCurrentIndex(picker.kind.findData(Kind.HISTORIAN.value))
    qtbot.keyClicks(picker.query, "Roberts")
    assert picker.results.currentItem().text().startswith("Geoffrey Roberts (post-revisionist)")


def _whole_cards(view) -> bool:
    """Every card is as tall as its text needs: nothing inside a card is cut off."""
    option = QStyleOptionViewItem()
    option.font = view.font()
    delegate = view.itemDelegate()
    return all(view.visualRect(view.model().index(row, 0)).height()
               >= delegate.sizeHint(option, view.model().index(row, 0)).height()
               for row in range(view.model().rowCount()))  # fmt: skip


def test_what_the_tab_looks_like(qtbot, main_window, tmp_path):
    arguments = main_window.tabs[3]
    main_window.go_to_tab(3)
    for size in ((1280, 800), (900, 600)):
        main_window.resize(*size)
        qtbot.wait(50)
        arguments.grab().save(str(tmp_path / f"arguments-{size[0]}.png"))
        for column in arguments.columns:
            assert _whole_cards(column.view), size
        questions = arguments.question_list
        for row in range(3):  # every question whole, and all three on screen at once
            rect = questions.visualRect(questions.model().index(row, 0))
            assert rect.bottom() <= questions.viewport().height(), size
        assert _whole_cards(questions)
        if size == (1280, 800):
            view = arguments.columns[0].view
            tallest = max(view.visualRect(view.model().index(r, 0)).height() + 2 * view.spacing()
                          for c in arguments.columns for r in range(c.model.rowCount()))
            assert view.viewport().height() >= 4 * tallest  # room for four whole cards


def test_a_historian_chip_opens_the_historian(qtbot, main_window):
    arguments = main_window.tabs[3]
    point = arguments.columns[0].model.rows[0]  # cites Kennan in the pack
    chip = next(c for c in point.evidence if c.kind == Kind.HISTORIAN)
    assert main_window.open_item(Kind.HISTORIAN, chip.target_id)
    dialog = arguments.active_dialog
    assert dialog.current().name == "George F. Kennan"


def test_a_discuss_question_gets_one_row_per_factor(qtbot, open_tab, tab_context):
    tab = open_tab(ArgumentsTab)
    tab.open_question_dialog()
    tab.active_dialog.text.setPlainText("Discuss the reasons for Soviet victory in 1945.")
    _click(qtbot, tab.active_dialog.ok_button)
    assert [c.heading.text() for c in tab.columns if c.isVisibleTo(tab)] == ["Factors"]
    _add_point(qtbot, tab, LEFT, "The centralised economy.", weight=5)
    assert [p.side for p in tab.columns[LEFT].model.rows] == ["factor"]
    assert tab.balance.text() == "Factors: 1 point, weight 5"


@pytest.mark.parametrize(("width", "height"), [(900, 600), (1280, 800)])
def test_the_selected_points_buttons_are_whole_at_the_smallest_and_usual_window(
        main_window, qtbot, width, height):  # fmt: skip
    """The side pane is as wide as its buttons need: at the smallest window it was narrower,
    and "Attach evidence…" was cut."""
    main_window.resize(width, height)
    tab = main_window.open_tab("Argument builder")
    column = tab.columns[0]
    column.view.setCurrentIndex(column.model.index(0, 0))
    buttons = (tab.detail.attach_button, tab.detail.edit_button)
    qtbot.waitUntil(lambda: all(b.isVisible() for b in buttons))

    def whole_and_side_by_side() -> bool:  # the layout follows on a later turn of the loop
        attach, edit = (b.geometry() for b in buttons)
        return (all(b.width() >= b.sizeHint().width() for b in buttons)
                and attach.right() < edit.left())  # fmt: skip

    qtbot.waitUntil(whole_and_side_by_side)
    right = tab.detail.mapTo(tab, tab.detail.rect().topRight()).x()
    assert right <= tab.width()  # and the pane itself is inside the window
