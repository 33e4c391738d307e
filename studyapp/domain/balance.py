"""Balance and gaps of an argument table, pure Python.

The weight on each side informs the judgement (it never makes it); the gaps are what an
examiner would notice first: points with no evidence, key evidence the table never uses, and
periods of Stalin's foreign policy with no evidence at all — the direct test of a question
about consistency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The periods of the topic, as inclusive ISO bounds. Boundary years belong to both neighbours,
# as they do in the notes ("1933–38" follows "1928–33").
PERIODS: tuple[tuple[str, str, str], ...] = (
    ("1928–33", "1928-01-01", "1933-12-31"),
    ("1933–38", "1933-01-01", "1938-12-31"),
    ("1938–41", "1938-01-01", "1941-12-31"),
    ("1941–45", "1941-01-01", "1945-12-31"),
    ("1945–53", "1945-01-01", "1953-12-31"),
)


@dataclass(frozen=True)
class BalancePoint:
    id: int
    side: str
    claim: str
    weight: int
    evidence_spans: tuple[tuple[str, str], ...]  # (start, end) ISO bounds of dated evidence
    evidence_count: int


@dataclass(frozen=True)
class Balance:
    weights: tuple[tuple[str, int], ...]  # (side, total weight) in column order
    unsupported: tuple[str, ...]  # claims of points without evidence
    unused: tuple[str, ...]  # labels of key evidence no point cites
    empty_periods: tuple[str, ...]  # period labels with no dated evidence

    def warnings(self) -> list[str]:
        """One sentence per kind of gap, for the student."""
        found = []
        if self.unsupported:
            count = len(self.unsupported)
            noun = "point has" if count == 1 else "points have"
            found.append(f"{count} {noun} no evidence yet.")
        if self.empty_periods:
            found.append(f"No evidence from {_and(self.empty_periods)}.")
        if self.unused:
            sample = _and([f"“{label}”" for label in self.unused[:3]])
            more = f" and {len(self.unused) - 3} more" if len(self.unused) > 3 else ""
            found.append(f"Key dates not used anywhere: {sample}{more}.")
        return found


def _and(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _overlaps(span: tuple[str, str], period: tuple[str, str, str]) -> bool:
    return span[0] <= period[2] and span[1] >= period[1]


def balance(sides: Sequence[str], points: Sequence[BalancePoint], unused: Sequence[str] = (),
            scope: tuple[str, str] | None = None) -> Balance:  # fmt: skip
    """Weights per side, and the gaps; `unused` comes from the caller (it knows the topic).
    Only periods overlapping `scope` (the years the question covers) can be gaps."""
    weights = tuple((side, sum(p.weight for p in points if p.side == side)) for side in sides)
    unsupported = tuple(p.claim for p in points if p.evidence_count == 0)
    spans = [span for p in points for span in p.evidence_spans]
    periods = [p for p in PERIODS if scope is None or _overlaps(scope, p)]
    empty = tuple(period[0] for period in periods
                  if not any(_overlaps(span, period) for span in spans))  # fmt: skip
    if not points:
        empty = ()  # an empty table has no gaps worth naming yet; it needs points first
    return Balance(weights, unsupported, tuple(unused), empty)


def question_scope(question: str, spans: Sequence[tuple[str, str]],
                   first_year: int = 1928) -> tuple[str, str] | None:  # fmt: skip
    """The years a question covers: those it names ("between 1928 and 1953"; "up to … 1941"
    runs from the topic's first year), else those its evidence covers, else None."""
    import re

    years = sorted(int(y) for y in re.findall(r"\b(1[89]\d\d)\b", question))
    if len(years) >= 2:
        return f"{years[0]}-01-01", f"{years[-1]}-12-31"
    if len(years) == 1:
        return f"{min(first_year, years[0])}-01-01", f"{years[0]}-12-31"
    if spans:
        return min(s[0] for s in spans), max(s[1] for s in spans)
    return None
