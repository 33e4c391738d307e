"""Essay questions: which command term a question uses and how its argument table is split."""

from __future__ import annotations

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
}


def sides_for(command_term: str) -> tuple[str, str]:
    """The two columns of the argument table: similarities/differences for comparisons."""
    term = command_term.strip().lower()
    if term.startswith(("compare", "contrast")):
        return ("similarity", "difference")
    return ("for", "against")
