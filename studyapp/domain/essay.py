"""Essay questions and essay plans, pure Python: which command term a question uses, how its
argument table is laid out, the gentle check that a judgement answers the question's key terms,
and the outline builder that turns a table into a plan (as Markdown, the one editable text every
export format is made from; `studyapp.domain.plan_text` reads it back into blocks).

The balance and gap checks live in `studyapp.domain.balance`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

COMMAND_TERMS = (
    "To what extent",
    "Compare and contrast",
    "Compare",
    "Contrast",
    "Evaluate",
    "Examine",
    "Discuss",
    "Analyse",
    "Explain",
    "Assess",
    "Why",
    "How far",
)

SIDE_LABELS = {
    "for": "For",
    "against": "Against",
    "similarity": "Similarities",
    "difference": "Differences",
    "factor": "Factors",
}


class TableType(StrEnum):
    """How an argument table is laid out."""

    SIDES = "sides"  # To what extent / How far / Evaluate: For and Against
    COMPARE = "compare"  # Compare and contrast: Similarities and Differences
    FACTORS = "factors"  # Discuss / Examine / Why: one row per factor


TABLE_SIDES: dict[TableType, tuple[str, ...]] = {
    TableType.SIDES: ("for", "against"),
    TableType.COMPARE: ("similarity", "difference"),
    TableType.FACTORS: ("factor",),
}

TABLE_LABELS: dict[TableType, str] = {
    TableType.SIDES: "For and against",
    TableType.COMPARE: "Similarities and differences",
    TableType.FACTORS: "Factors",
}

_FACTOR_TERMS = ("discuss", "examine", "why", "analyse", "explain")


def detect_command_term(text: str) -> str:
    """The command term the question opens with (or contains), or "" when none is recognised."""
    lowered = " ".join(text.lower().split())
    for term in COMMAND_TERMS:  # longest first where they overlap ("Compare and contrast")
        if lowered.startswith(term.lower()):
            return term
    for term in COMMAND_TERMS:
        if re.search(rf"\b{re.escape(term.lower())}\b", lowered):
            return term
    return ""


def table_type_for(command_term: str) -> TableType:
    """The layout a command term asks for."""
    term = command_term.strip().lower()
    if term.startswith(("compare", "contrast")):
        return TableType.COMPARE
    if term.startswith(_FACTOR_TERMS):
        return TableType.FACTORS
    return TableType.SIDES


def resolve_table_type(chosen: str, command_term: str) -> TableType:
    """The student's choice when they made one, else what the command term asks for."""
    if chosen in TableType.__members__.values():
        return TableType(chosen)
    return table_type_for(command_term)


def sides_for(command_term: str) -> tuple[str, ...]:
    """The columns of the argument table for a command term."""
    return TABLE_SIDES[table_type_for(command_term)]


# Words too common to be what a question is "about".
_STOP_WORDS = """a an and are as at be between by did do does for from had has have his her how in
into is it its of on or that the their this to up was were what which who why with you your
agree extent far compare contrast evaluate examine discuss analyse explain assess policies
policy foreign"""
_STOP = frozenset(_STOP_WORDS.split())


def key_terms(question: str) -> list[str]:
    """The words a judgement should answer: the command term, then the question's key words.

    "To what extent was Stalin responsible for…" → ["to what extent", "responsible", …]. Names
    (capitalised words) are left out: a judgement that avoids "responsible" but names Stalin has
    still not answered the question.
    """
    terms: list[str] = []
    command = detect_command_term(question)
    if command:
        terms.append(command.lower())
    for word in re.findall(r"[A-Za-z][A-Za-z'-]+", question):
        lowered = word.lower()
        if word[0].isupper() or lowered in _STOP or len(lowered) < 6 or lowered in terms:
            continue
        terms.append(lowered)
    return terms


_EXTENT_WORDS = ("extent", "largely", "partly", "mostly", "entirely", "limited", "great",
                 "to a", "how far", "far")  # fmt: skip


def missing_terms(question: str, thesis: str, conclusion: str) -> list[str]:
    """Key terms of the question the thesis and conclusion do not yet answer.

    A "to what extent" question is answered by any word of degree ("largely", "to a limited
    extent"); other key words count when their stem appears ("responsible" ↔ "responsibility").
    """
    written = f"{thesis} {conclusion}".lower()
    if not written.strip():
        return []
    missing = []
    for term in key_terms(question):
        if term in ("to what extent", "how far"):
            if not any(word in written for word in _EXTENT_WORDS):
                missing.append(term)
        elif term[: max(5, len(term) - 3)] not in written:
            missing.append(term)
    return missing


def judgement_hint(question: str, thesis: str, conclusion: str) -> str:
    """One gentle sentence about key terms not yet answered, or "" when all are."""
    missing = missing_terms(question, thesis, conclusion)
    if not missing:
        return ""
    quoted = ", ".join(f"“{term}”" for term in missing[:4])
    return f"Does your judgement answer {quoted}? Examiners look for the question's own words."


# -- the essay plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanPoint:
    """One point of the table as the plan needs it; evidence labels already dated."""

    side: str
    claim: str
    explanation: str = ""
    weight: int = 3
    counter: str = ""
    rebuttal: str = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanInput:
    question: str
    source: str
    table_type: TableType
    points: tuple[PlanPoint, ...]
    thesis: str = ""
    conclusion: str = ""


_LINKS = {
    "for": "This supports the view in the question.",
    "against": "This challenges the view in the question.",
    "similarity": "This is a similarity: say how far it runs.",
    "difference": "This is a difference: say why it matters.",
    "factor": "Weigh this factor against the others.",
}


def ordered_points(points: Sequence[PlanPoint]) -> list[PlanPoint]:
    """Heaviest first; equal weights keep the table's order (sorted() is stable)."""
    return sorted(points, key=lambda point: -point.weight)


def build_plan(plan: PlanInput) -> str:
    """The outline as Markdown: introduction, one P-E-E-L paragraph per point, conclusion."""
    lines = [f"# Essay plan: {plan.question}", ""]
    if plan.source:
        lines += [f"*{plan.source} · {TABLE_LABELS[plan.table_type]}*", ""]
    lines += _introduction(plan)
    for number, point in enumerate(ordered_points(plan.points), start=1):
        lines += _paragraph(number, point)
    lines += _conclusion(plan)
    return "\n".join(lines).rstrip() + "\n"


def _weights(plan: PlanInput) -> str:
    parts = []
    for side in TABLE_SIDES[plan.table_type]:
        on_side = [p for p in plan.points if p.side == side]
        noun = "point" if len(on_side) == 1 else "points"
        parts.append(f"{SIDE_LABELS[side]}: {len(on_side)} {noun}, "
                     f"weight {sum(p.weight for p in on_side)}")  # fmt: skip
    return "; ".join(parts)


def _introduction(plan: PlanInput) -> list[str]:
    line = plan.thesis.strip() or "Write your thesis in the Argument builder."
    terms = ", ".join(f"“{term}”" for term in key_terms(plan.question))
    lines = ["## Introduction", "", f"- **Line of argument:** {_one_line(line)}"]
    if terms:
        lines.append(f"- **Key terms to define:** {terms}")
    lines += [f"- **Balance of the table:** {_weights(plan)}", ""]
    return lines


def _paragraph(number: int, point: PlanPoint) -> list[str]:
    side = SIDE_LABELS.get(point.side, point.side)
    evidence = "; ".join(point.evidence) if point.evidence else "none yet — attach some."
    lines = [f"## Paragraph {number}: {side} (weight {point.weight} of 5)", "",
             f"- **Point:** {_one_line(point.claim)}", f"- **Evidence:** {evidence}"]  # fmt: skip
    if point.explanation.strip():
        lines.append(f"- **Explain:** {_one_line(point.explanation)}")
    if point.counter.strip():
        lines.append(f"- **Counter-argument:** {_one_line(point.counter)}")
    if point.rebuttal.strip():
        lines.append(f"- **Rebuttal:** {_one_line(point.rebuttal)}")
    lines += [f"- **Link:** {_LINKS.get(point.side, '')}", ""]
    return lines


def _conclusion(plan: PlanInput) -> list[str]:
    judgement = plan.conclusion.strip() or plan.thesis.strip()
    lines = ["## Conclusion", ""]
    missing = "write your conclusion in the Argument builder."
    lines.append(f"- **Judgement:** {_one_line(judgement) if judgement else missing}")
    lines += [f"- **Weighing:** {_weights(plan)}", ""]
    return lines


def _one_line(text: str) -> str:
    """Keep a bullet one Markdown line: the student's line breaks become spaces."""
    return " ".join(text.split())
