"""What an operation changed, so every view (and the search index, and review cards) can
refresh only that.

`Changes` names rows as `(kind, id)` pairs, kinds being `Kind` values; `everything()` is what an
import sends, when any row of any kind may have changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    """Every sort of thing a student can see, change, search for or open from a link."""

    TOPIC = "topic"
    PERIOD = "period"
    EVENT = "event"
    NOTE_SECTION = "note_section"
    NOTE_ITEM = "note_item"
    QUOTE = "quote"
    FACTOR = "factor"
    QUESTION = "question"
    POINT = "point"
    JUDGEMENT = "judgement"
    HISTORIAN = "historian"
    EVIDENCE = "evidence"
    REVIEW_CARD = "review_card"
    FACTOR_COMPARISON = "factor_comparison"  # issue 7: why one factor mattered more
    KEY_TERM = "key_term"  # a term of the topic and its meaning (0007)


class Changes(NamedTuple):
    """Rows an operation wrote, and kinds of which any row may have changed."""

    rows: frozenset[tuple[Kind, int]] = frozenset()
    whole_kinds: frozenset[Kind] = frozenset()

    @classmethod
    def of(cls, kind: Kind, *ids: int) -> Changes:
        return cls(rows=frozenset((kind, row_id) for row_id in ids))

    @classmethod
    def everything(cls) -> Changes:
        return cls(whole_kinds=frozenset(Kind))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.rows | other.rows, self.whole_kinds | other.whole_kinds)

    @property
    def kinds(self) -> frozenset[Kind]:
        return self.whole_kinds | {kind for kind, _id in self.rows}

    def touches(self, *kinds: Kind) -> bool:
        """Whether any row of these kinds may have changed."""
        return not self.kinds.isdisjoint(kinds)

    def ids(self, kind: Kind) -> frozenset[int] | None:
        """The ids of `kind` that changed; None when any row of that kind may have changed."""
        if kind in self.whole_kinds:
            return None
        return frozenset(row_id for k, row_id in self.rows if k == kind)

    def merged(self, more: Iterable[Changes]) -> Changes:
        result = self
        for changes in more:
            result = result | changes
        return result
