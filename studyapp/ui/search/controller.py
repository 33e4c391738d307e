"""The search box's logic, without widgets: what to search, when, and what the results say.

`SearchController` takes the text as the student types, waits a moment for them to pause
(`DEBOUNCE_MS`), searches on the GUI thread — a search over 20,000 items takes a few
milliseconds (tests/bench/bench_search.py), far under a frame, so a worker thread would add
only hand-offs — and hands the view `Group`s of results, one per kind, best group first, with
titles and snippets as rich text where everything is escaped except the highlight. It listens
to the change bus so open results follow edits, undo and imports, and opens a chosen result
through `bus.open_item`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from studyapp.db.search import Searcher, SearchResult, SearchResults, Segment
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.text import shorten

if TYPE_CHECKING:
    from studyapp.ui.context import TabContext

DEBOUNCE_MS = 120
RESULT_LIMIT = 50
# What a student calls each kind, as group headings.
GROUP_TITLES: dict[Kind, str] = {
    Kind.EVENT: "Timeline",
    Kind.NOTE_ITEM: "Phase notes",
    Kind.QUOTE: "Quotes",
    Kind.FACTOR: "Factors",
    Kind.HISTORIAN: "Historians",
    Kind.KEY_TERM: "Key terms",
    Kind.QUESTION: "Essay questions",
    Kind.POINT: "Argument points",
    Kind.JUDGEMENT: "Judgements",
}


@dataclass(frozen=True)
class Hit:
    """One result as the view shows it."""

    kind: Kind
    id: int
    title_html: str
    detail_html: str  # the topic (when not the one shown), the date (if any) and the snippet
    plain_title: str
    topic_id: int = 0


@dataclass(frozen=True)
class Group:
    title: str
    hits: tuple[Hit, ...]


def to_html(segments: Iterable[Segment]) -> str:
    """Rich text where the student's words are escaped and only the matches are marked."""
    parts = []
    for segment in segments:
        escaped = html.escape(segment.text, quote=False)
        parts.append(f'<span class="hit">{escaped}</span>' if segment.hit else escaped)
    return "".join(parts)


def to_hit(result: SearchResult, topic: str = "") -> Hit:
    """`topic` names the result's topic when it is not the one shown."""
    detail = to_html(result.snippet)
    if result.date_label:
        date = html.escape(result.date_label, quote=False)
        detail = f"<b>{date}</b>" + (f" · {detail}" if detail else "")
    if topic:
        where = f"<i>In {html.escape(shorten(topic, 50), quote=False)}</i>"
        detail = where + (f" · {detail}" if detail else "")
    return Hit(result.kind, result.id, to_html(result.title), detail,
               shorten(result.plain_title, 80), result.topic_id)  # fmt: skip


def group(results: Iterable[SearchResult], other_topics: dict[int, str] | None = None
          ) -> list[Group]:  # fmt: skip
    """Results by kind; groups in the order of their best result (results come ranked).
    `other_topics` titles the topics other than the one shown, for results found in them."""
    by_kind: dict[Kind, list[Hit]] = {}
    others = other_topics or {}
    for result in results:
        by_kind.setdefault(result.kind, []).append(to_hit(result, others.get(result.topic_id, "")))
    return [Group(GROUP_TITLES.get(kind, kind.value), tuple(hits))
            for kind, hits in by_kind.items()]  # fmt: skip


class SearchController(QObject):
    """Debounced search as you type; results grouped for the view; opens the chosen one."""

    results_changed = Signal(object)  # list[Group]; `summary` is up to date by then
    open_elsewhere = Signal(int, str, int)  # topic id, kind, item id: a result in another topic

    def __init__(self, context: TabContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._searcher = Searcher(context.session_factory)
        self._text = ""
        self.all_topics = False  # search every topic, not only the one shown
        self.groups: list[Group] = []
        self.summary = ""  # one line above the results ("" when there is nothing to say)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        context.bus.changed.connect(self.on_changed)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        """The student typed: search once they pause."""
        self._text = text
        self._timer.start()

    def flush(self) -> None:
        """Search now if the student typed something not yet searched (Enter before a pause)."""
        if self._timer.isActive():
            self.search_now()

    def search_now(self) -> None:
        self._timer.stop()
        if not self._text.strip():
            self._publish([], "")
            return
        shown = self._context.topic_id
        found = self._searcher.search(self._text, None if self.all_topics else shown,
                                      RESULT_LIMIT)  # fmt: skip
        others: dict[int, str] = {}
        if any(result.topic_id != shown for result in found.results):
            from studyapp.db.services.topic import list_topics

            others = {t.id: t.title for t in list_topics(self._context.session_factory)
                      if t.id != shown}  # fmt: skip
        self._publish(group(found.results, others), self._summary(found))

    def set_all_topics(self, on: bool) -> None:
        """Search every topic (True) or only the one shown; searches again at once."""
        if on != self.all_topics:
            self.all_topics = on
            if self._text.strip():
                self.search_now()

    def _summary(self, found: SearchResults) -> str:
        typed = shorten(self._text, 40)
        if not found.results:
            return f"Nothing matches “{typed}”."
        if found.corrected:
            return "No exact match; showing " + ", ".join(f"“{w}”" for w in found.corrected) + "."
        return ""

    def _publish(self, groups: list[Group], summary: str) -> None:
        self.groups, self.summary = groups, summary
        self.results_changed.emit(groups)

    def on_changed(self, changes: Changes) -> None:
        """Notes changed (an edit, undo, import): new words to suggest, open results to redo."""
        if changes.whole_kinds:
            self._searcher.forget_vocabulary()  # an import: read it again when next needed
        else:
            self._searcher.learn(changes.rows)
        if self._text.strip():
            self.search_now()

    def open(self, hit: Hit) -> None:
        """Show the result: in its tab, or first in its topic when it is in another one."""
        if hit.topic_id and hit.topic_id != self._context.topic_id:
            self.open_elsewhere.emit(hit.topic_id, hit.kind.value, hit.id)
        else:
            self._context.bus.open_item(hit.kind, hit.id)
