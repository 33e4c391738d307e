"""Essay questions and plans without Qt: command terms, layouts, key terms, balance and gaps,
the outline, and the Markdown every export format is made from."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from studyapp.domain.balance import BalancePoint, balance
from studyapp.domain.essay import (
    PlanInput,
    PlanPoint,
    TableType,
    build_plan,
    detect_command_term,
    judgement_hint,
    key_terms,
    resolve_table_type,
    table_type_for,
)
from studyapp.domain.plan_text import blocks, runs, to_html

SPECIMEN = ("To what extent was Stalin responsible for the break-up of the Second World War "
            "alliance, and the early stages of the Cold War?")  # fmt: skip


@pytest.mark.parametrize(("text", "term", "layout"), [
    (SPECIMEN, "To what extent", TableType.SIDES),
    ("How far was the Nazi–Soviet Pact a success?", "How far", TableType.SIDES),
    ("Evaluate collective security.", "Evaluate", TableType.SIDES),
    ("Compare and contrast Hitler and Stalin.", "Compare and contrast", TableType.COMPARE),
    ("Discuss the reasons for Soviet victory.", "Discuss", TableType.FACTORS),
    ("Examine Stalin's aims.", "Examine", TableType.FACTORS),
    ("Why did the Grand Alliance break up?", "Why", TableType.FACTORS),
    ("Stalin and the West, 1945–53.", "", TableType.SIDES),
])  # fmt: skip
def test_the_command_term_decides_the_layout(text, term, layout):
    assert detect_command_term(text) == term
    assert table_type_for(term) is layout


def test_the_students_choice_of_layout_wins():
    assert resolve_table_type("factors", "To what extent") is TableType.FACTORS
    assert resolve_table_type("", "Compare and contrast") is TableType.COMPARE


def test_key_terms_and_the_gentle_check():
    terms = key_terms(SPECIMEN)
    assert terms[0] == "to what extent" and "responsible" in terms
    assert "stalin" not in terms  # names are not what the question turns on
    hint = judgement_hint(SPECIMEN, "Stalin caused the Cold War.", "")
    assert "“to what extent”" in hint and "“responsible”" in hint
    answered = judgement_hint(SPECIMEN, "Stalin was largely responsible for the break-up of "
                              "the alliance and the early stages of the Cold War.", "")
    assert answered == "" or "responsible" not in answered
    assert judgement_hint(SPECIMEN, "", "") == ""  # nothing written yet: nothing to nag about


def _point(point_id, side, weight, spans=()):
    return BalancePoint(point_id, side, f"Claim {point_id}", weight, spans, len(spans))


def test_balance_weighs_each_side_and_names_the_gaps():
    result = balance(("for", "against"), [
        _point(1, "for", 4, (("1948-06-24", "1949-05-12"),)),
        _point(2, "for", 2),
        _point(3, "against", 3, (("1939-08-23", "1939-08-23"),)),
    ], unused=["Munich Conference", "Anschluss", "Yalta Conference", "Stalingrad"])
    assert result.weights == (("for", 6), ("against", 3))
    assert result.unsupported == ("Claim 2",)
    assert result.empty_periods == ("1928–33", "1933–38", "1941–45")
    warnings = result.warnings()
    assert warnings[0] == "1 point has no evidence yet."
    assert warnings[1] == "No evidence from 1928–33, 1933–38 or 1941–45."
    assert warnings[2].endswith("and 1 more.")


def test_an_empty_table_has_no_period_gaps_to_report():
    assert balance(("for", "against"), []).empty_periods == ()


def _plan() -> PlanInput:
    return PlanInput(SPECIMEN, "Specimen · Paper 3", TableType.SIDES, (
        PlanPoint("for", "Expansion into Eastern Europe", "Satellite states.", 4,
                  evidence=("Soviet satellite states in Eastern Europe, 1946–1947",)),
        PlanPoint("against", "US atomic diplomacy", "Hiroshima.", 5, "Stalin broke Yalta",
                  "Yalta was vague", ("US atomic diplomacy (Hiroshima), 6 Aug 1945",)),
        PlanPoint("for", "Berlin Blockade", "", 2),
    ), "Stalin was largely responsible.", "On balance, largely responsible.")  # fmt: skip


def test_the_plan_is_an_introduction_peel_paragraphs_by_weight_and_a_conclusion():
    markdown = build_plan(_plan())
    headings = [b.text for b in blocks(markdown) if b.kind == "heading"]
    assert headings == [f"Essay plan: {SPECIMEN}", "Introduction",
                        "Paragraph 1: Against (weight 5 of 5)",
                        "Paragraph 2: For (weight 4 of 5)",
                        "Paragraph 3: For (weight 2 of 5)", "Conclusion"]  # fmt: skip
    assert "- **Line of argument:** Stalin was largely responsible." in markdown
    assert "- **Evidence:** US atomic diplomacy (Hiroshima), 6 Aug 1945" in markdown
    assert "- **Counter-argument:** Stalin broke Yalta" in markdown
    assert "- **Rebuttal:** Yalta was vague" in markdown
    assert "- **Evidence:** none yet — attach some." in markdown
    assert "- **Judgement:** On balance, largely responsible." in markdown
    assert "For: 2 points, weight 6; Against: 1 point, weight 5" in markdown


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_the_html_is_made_from_the_edited_markdown_and_escapes_it():
    markdown = build_plan(_plan()) + "\nMy own line with <b>tags</b> & **bold**.\n"
    parser = _Text()
    parser.feed(to_html(markdown))
    text = "".join(parser.text)
    assert SPECIMEN in text and "US atomic diplomacy (Hiroshima), 6 Aug 1945" in text
    assert "My own line with <b>tags</b> & bold." in text  # shown, not obeyed
    assert parser.tags.count("h2") == 5 and "ul" in parser.tags


def test_runs_split_bold_and_italic():
    assert [(r.text, r.bold, r.italic) for r in runs("a **b** *c* d")] == [
        ("a ", False, False), ("b", True, False), (" ", False, False), ("c", False, True),
        (" d", False, False)]  # fmt: skip
