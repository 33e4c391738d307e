"""Argument builder reads: essay questions, their points with dated evidence chips, historians,
the evidence picker's candidates, the balance and gaps of a table, and its essay plan.

Every function opens one short Session and returns frozen rows; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import (
    SOURCE_PACK,
    Event,
    Evidence,
    Factor,
    Historian,
    Judgement,
    NoteItem,
    NoteItemEvent,
    NoteSection,
    Period,
    Point,
    Question,
    Quote,
)
from studyapp.domain.balance import Balance, BalancePoint, balance, question_scope
from studyapp.domain.changes import Kind
from studyapp.domain.dates import DateError, parse
from studyapp.domain.errors import StudentError
from studyapp.domain.essay import (
    TABLE_SIDES,
    PlanInput,
    PlanPoint,
    TableType,
    build_plan,
    resolve_table_type,
)
from studyapp.domain.text import shorten

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class QuestionRow:
    id: int
    key: str
    text: str
    exam_source: str
    paper: str
    command_term: str
    source: str
    chosen_table_type: str = ""  # "" when read from the command term

    @property
    def table_type(self) -> TableType:
        return resolve_table_type(self.chosen_table_type, self.command_term)

    @property
    def sides(self) -> tuple[str, ...]:
        return TABLE_SIDES[self.table_type]


@dataclass(frozen=True)
class EvidenceChip:
    """Evidence a point cites, ready to show: "Berlin Blockade, Jun 1948 – May 1949"."""

    evidence_id: int
    kind: Kind  # the cited item's kind, for `bus.open_item(kind, target_id)`
    target_id: int
    title: str
    date: str = ""  # "" for undated evidence (a historian, a factor)
    start: str = ""  # ISO bounds, for the period gaps
    end: str = ""

    @property
    def label(self) -> str:
        return f"{self.title}, {self.date}" if self.date else self.title


@dataclass(frozen=True)
class PointRow:
    id: int
    key: str
    question_id: int
    side: str
    claim: str
    explanation: str
    weight: int
    counter: str
    position: int
    evidence: tuple[EvidenceChip, ...] = ()  # in date order, undated last
    rebuttal: str = ""
    starter: bool = False  # from the pack and not yet changed by the student


@dataclass(frozen=True)
class JudgementRow:
    question_id: int
    thesis: str
    conclusion: str


@dataclass(frozen=True)
class HistorianRow:
    id: int
    name: str
    work: str
    school: str
    stance: str
    starter: bool


@dataclass(frozen=True)
class Candidate:
    """Something the evidence picker offers: an event, note, quote, factor or historian."""

    kind: Kind
    id: int
    title: str
    date: str
    detail: str  # what the item says, for the picker's second line and for searching

    @property
    def label(self) -> str:
        return f"{self.title}, {self.date}" if self.date else self.title


def question_row(q: Question) -> QuestionRow:
    return QuestionRow(q.id, q.key, q.text, q.exam_source, q.paper, q.command_term, q.source,
                       q.table_type or "")  # fmt: skip


def point_row(p: Point, evidence: tuple[EvidenceChip, ...] = ()) -> PointRow:
    starter = p.source == SOURCE_PACK and not p.user_modified
    return PointRow(p.id, p.key, p.question_id, p.side, p.claim, p.explanation, p.weight,
                    p.counter, p.position, evidence, p.rebuttal or "", starter)  # fmt: skip


# -- dates ---------------------------------------------------------------------------------------


def chip_date(start: str, end: str) -> str:
    """A short reading of ISO bounds: "23 Aug 1939", "Aug 1939", "1934", "Jun 1948 – May 1949"."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if first == last:
        return f"{first.day} {_MONTHS[first.month - 1]} {first.year}"
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    if whole_years:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    whole_months = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
    month, last_month = _MONTHS[first.month - 1], _MONTHS[last.month - 1]
    if (first.year, first.month) == (last.year, last.month):
        return f"{month} {first.year}" if whole_months else (
            f"{first.day}–{last.day} {month} {first.year}")  # fmt: skip
    if first.year == last.year:
        return f"{month} – {last_month} {first.year}"
    return f"{month} {first.year} – {last_month} {last.year}"


def _edtf_bounds(edtf: str | None) -> tuple[str, str]:
    if not edtf:
        return "", ""
    try:
        date = parse(edtf)
    except DateError:
        return "", ""
    return date.start_iso, date.end_iso


# -- questions, points, judgement ----------------------------------------------------------------


def list_questions(session_factory: sessionmaker[Session], topic_id: int) -> list[QuestionRow]:
    with session_factory() as session:
        query = (
            select(Question)
            .where(Question.topic_id == topic_id)
            .order_by(Question.position, Question.id)
        )
        return [question_row(q) for q in session.scalars(query)]


def get_question(session_factory: sessionmaker[Session], question_id: int) -> QuestionRow:
    with session_factory() as session:
        question = session.get(Question, question_id)
        if question is None:
            raise StudentError("That question no longer exists.")
        return question_row(question)


def find_question(session_factory: sessionmaker[Session], topic_id: int, text: str) -> QuestionRow:
    """A question by id or by a unique fragment of its text; one sentence when there is none."""
    questions = list_questions(session_factory, topic_id)
    wanted = " ".join(text.split())
    if wanted.isdigit():
        match = [q for q in questions if q.id == int(wanted)]
    else:
        match = [q for q in questions if wanted.lower() in q.text.lower()] if wanted else []
    if len(match) == 1:
        return match[0]
    if not match:
        raise StudentError(f"No question matches “{shorten(wanted, 60)}”.")
    raise StudentError(f"“{shorten(wanted, 60)}” matches {len(match)} questions; "
                       "give more of the question's words or its number.")  # fmt: skip


def list_points(session_factory: sessionmaker[Session], question_id: int) -> list[PointRow]:
    # Plain columns, not ORM objects: a question with 700 points reads several times faster.
    with session_factory() as session:
        query = (
            select(*_POINT_COLUMNS)
            .where(Point.question_id == question_id)
            .order_by(Point.position, Point.id)
        )
        points = session.execute(query).all()
        chips = evidence_chips(session, question_id)
    return [
        PointRow(point_id, key, question, side, claim, explanation, weight, counter, position,
                 tuple(chips.get(point_id, ())), rebuttal or "",
                 source == SOURCE_PACK and not user_modified)  # fmt: skip
        for (point_id, key, question, side, claim, explanation, weight, counter, position,
             rebuttal, source, user_modified) in points  # fmt: skip
    ]


_POINT_COLUMNS = (Point.id, Point.key, Point.question_id, Point.side, Point.claim,
                  Point.explanation, Point.weight, Point.counter, Point.position, Point.rebuttal,
                  Point.source, Point.user_modified)  # fmt: skip


def get_judgement(session_factory: sessionmaker[Session], question_id: int) -> JudgementRow:
    with session_factory() as session:
        judgement = session.scalars(
            select(Judgement).where(Judgement.question_id == question_id)
        ).first()
        if judgement is None:
            return JudgementRow(question_id, "", "")
        return JudgementRow(question_id, judgement.thesis, judgement.conclusion)


def question_of_point(session_factory: sessionmaker[Session], point_id: int) -> int | None:
    """The question a point belongs to; None when the point no longer exists."""
    with session_factory() as session:
        return session.scalar(select(Point.question_id).where(Point.id == point_id))


def questions_citing(session_factory: sessionmaker[Session], kind: Kind,
                     ids: Iterable[int] | None) -> set[int]:  # fmt: skip
    """Questions with a point citing any of these items (all questions citing `kind` if None)."""
    column = _TARGET_COLUMNS[kind]
    with session_factory() as session:
        query = select(Point.question_id).join(Evidence, Evidence.point_id == Point.id)
        query = query.where(column.is_not(None) if ids is None else column.in_(list(ids)))
        return set(session.scalars(query))


# -- evidence ------------------------------------------------------------------------------------

_TARGET_COLUMNS = {
    Kind.EVENT: Evidence.event_id,
    Kind.NOTE_ITEM: Evidence.note_item_id,
    Kind.QUOTE: Evidence.quote_id,
    Kind.HISTORIAN: Evidence.historian_id,
    Kind.FACTOR: Evidence.cited_factor_id,
}


def evidence_chips(session: Session, question_id: int) -> dict[int, list[EvidenceChip]]:
    """The evidence of each point of a question as dated chips, earliest first, undated
    (historians) last."""
    targets = tuple(_TARGET_COLUMNS.values())
    query = (select(Evidence.id, Point.id, *targets)
             .join(Point, Point.id == Evidence.point_id)
             .where(Point.question_id == question_id)
             .order_by(Evidence.position, Evidence.id))  # fmt: skip
    links = [(evidence_id, point_id, _target(evidence_id, values))
             for evidence_id, point_id, *values in session.execute(query)]  # fmt: skip
    items = _candidates_by_key(session, {kind for _id, _point, (kind, _target) in links},
                               question_id)  # fmt: skip
    chips: dict[int, list[EvidenceChip]] = {}
    for evidence_id, point_id, (kind, target) in links:
        found = items.get((kind, target))
        if found is None:
            continue
        candidate, (start, end) = found
        chips.setdefault(point_id, []).append(
            EvidenceChip(evidence_id, kind, target, candidate.title, candidate.date, start, end))
    for row in chips.values():
        row.sort(key=lambda chip: (chip.start == "", chip.start))
    return chips


def _target(evidence_id: int, values: Sequence[int | None]) -> tuple[Kind, int]:
    """The kind and id an evidence row cites, from its target columns in `_TARGET_COLUMNS`
    order."""
    for kind, value in zip(_TARGET_COLUMNS, values, strict=True):
        if value is not None:
            return kind, int(value)
    raise ValueError(f"evidence {evidence_id} cites nothing")  # the one_target CHECK forbids it


def _candidates_by_key(session: Session, kinds: set[Kind], question_id: int
                       ) -> dict[tuple[Kind, int], tuple[Candidate, tuple[str, str]]]:  # fmt: skip
    """The items of these kinds that the question's points cite, chosen by a subquery (not a
    list of hundreds of bound ids, which SQLAlchemy spends longer compiling than SQLite running)."""
    found = {}
    for kind in kinds:
        column = _TARGET_COLUMNS[kind]
        cited = (select(column).join(Point, Point.id == Evidence.point_id)
                 .where(Point.question_id == question_id, column.is_not(None)))  # fmt: skip
        for candidate, bounds in _LOADERS[kind](session, None, cited):
            found[(kind, candidate.id)] = (candidate, bounds)
    return found


Loaded = list[tuple[Candidate, tuple[str, str]]]
Ids = Select[Any] | None  # the items wanted by id, or None: the topic's


def _events(session: Session, topic_id: int | None, ids: Ids) -> Loaded:
    query = (select(Event.id, Event.title, Event.start, Event.end, Event.description)
             .order_by(Event.start, Event.position))  # fmt: skip
    query = query.where(Event.id.in_(ids)) if ids is not None else query.where(
        Event.topic_id == topic_id)  # fmt: skip
    return [(Candidate(Kind.EVENT, event_id, title, chip_date(start, end), description),
             (start, end))
            for event_id, title, start, end, description in session.execute(query)]  # fmt: skip


def _note_items(session: Session, topic_id: int | None, ids: Ids) -> Loaded:
    """A note's date: the events it names, else its section's period."""
    query = (select(NoteItem, Period.start, Period.end).select_from(NoteItem)
             .join(NoteSection, NoteSection.id == NoteItem.section_id)
             .outerjoin(Period, Period.id == NoteSection.period_id)
             .where(NoteItem.kind.in_(("point", "quote"))))  # fmt: skip
    query = query.where(NoteItem.id.in_(ids)) if ids is not None else query.where(
        NoteSection.topic_id == topic_id)  # fmt: skip
    rows = session.execute(query.order_by(NoteSection.position, NoteItem.position)).all()
    named = _event_bounds_of_notes(session, [item.id for item, *_ in rows])
    loaded = []
    for item, period_start, period_end in rows:
        start, end = named.get(item.id, (period_start or "", period_end or ""))
        date = chip_date(start, end) if start else ""
        loaded.append((Candidate(Kind.NOTE_ITEM, item.id, shorten(item.text, 70), date,
                                 item.text), (start, end)))  # fmt: skip
    return loaded


def _event_bounds_of_notes(session: Session, item_ids: list[int]) -> dict[int, tuple[str, str]]:
    query = (select(NoteItemEvent.note_item_id, Event.start, Event.end)
             .join(Event, Event.id == NoteItemEvent.event_id)
             .where(NoteItemEvent.note_item_id.in_(item_ids)))  # fmt: skip
    bounds: dict[int, tuple[str, str]] = {}
    for item_id, start, end in session.execute(query):
        low, high = bounds.get(item_id, (start, end))
        bounds[item_id] = (min(low, start), max(high, end))
    return bounds


def _quotes(session: Session, topic_id: int | None, ids: Ids) -> Loaded:
    query = select(Quote).order_by(Quote.id)
    query = query.where(Quote.id.in_(ids)) if ids is not None else query.where(
        Quote.topic_id == topic_id)  # fmt: skip
    loaded = []
    for quote in session.scalars(query):
        start, end = _edtf_bounds(quote.edtf)
        title = f"{quote.speaker}: “{shorten(quote.text, 50)}”"
        loaded.append((Candidate(Kind.QUOTE, quote.id, title,
                                 chip_date(start, end) if start else "",
                                 f"{quote.text} {quote.context}"), (start, end)))  # fmt: skip
    return loaded


def _factors(session: Session, topic_id: int | None, ids: Ids) -> Loaded:
    query = select(Factor).order_by(Factor.rank, Factor.id)
    query = query.where(Factor.id.in_(ids)) if ids is not None else query.where(
        Factor.topic_id == topic_id)  # fmt: skip
    return [(Candidate(Kind.FACTOR, f.id, f.title, "", f.explanation), ("", ""))
            for f in session.scalars(query)]  # fmt: skip


def _historians(session: Session, topic_id: int | None, ids: Ids) -> Loaded:
    query = select(Historian).order_by(Historian.name)
    query = query.where(Historian.id.in_(ids)) if ids is not None else query.where(
        Historian.topic_id == topic_id)  # fmt: skip
    loaded = []
    for h in session.scalars(query):
        title = f"{h.name} ({h.school})" if h.school else h.name
        loaded.append((Candidate(Kind.HISTORIAN, h.id, title, "",
                                 f"{h.work} {h.stance}"), ("", "")))  # fmt: skip
    return loaded


_LOADERS = {
    Kind.EVENT: _events,
    Kind.NOTE_ITEM: _note_items,
    Kind.QUOTE: _quotes,
    Kind.FACTOR: _factors,
    Kind.HISTORIAN: _historians,
}
CANDIDATE_KINDS = tuple(_LOADERS)


def evidence_candidates(session_factory: sessionmaker[Session], topic_id: int, text: str = "",
                        kinds: Iterable[Kind] = CANDIDATE_KINDS) -> list[Candidate]:  # fmt: skip
    """What the picker offers: every word of `text` must appear in the item's title, date or
    words (case-insensitive). Items whose title holds the words come first; then events in date
    order, notes, quotes, factors, historians."""
    words = text.lower().split()
    found: list[Candidate] = []
    with session_factory() as session:
        for kind in kinds:
            for candidate, _bounds in _LOADERS[kind](session, topic_id, None):
                haystack = f"{candidate.title} {candidate.date} {candidate.detail}".lower()
                if all(word in haystack for word in words):
                    found.append(candidate)
    titled = [c for c in found if all(word in c.label.lower() for word in words)]
    return titled + [c for c in found if c not in titled]


def note_item_quoting(session_factory: sessionmaker[Session], quote_id: int) -> int | None:
    """The note item that carries a quote (where a quote chip opens), if the notes have one."""
    with session_factory() as session:
        return session.scalar(select(NoteItem.id).where(NoteItem.quote_id == quote_id)
                              .order_by(NoteItem.id).limit(1))  # fmt: skip


# -- historians ----------------------------------------------------------------------------------


def list_historians(session_factory: sessionmaker[Session], topic_id: int) -> list[HistorianRow]:
    with session_factory() as session:
        query = select(Historian).where(Historian.topic_id == topic_id).order_by(Historian.name)
        return [historian_row(h) for h in session.scalars(query)]


def historian_row(h: Historian) -> HistorianRow:
    return HistorianRow(h.id, h.name, h.work, h.school, h.stance,
                        h.source == SOURCE_PACK and not h.user_modified)  # fmt: skip


# -- balance, gaps and the plan ------------------------------------------------------------------


def question_balance(session_factory: sessionmaker[Session], question: QuestionRow,
                     points: list[PointRow]) -> Balance:  # fmt: skip
    """Weights per side and the gaps, with key dates of the topic that no point cites."""
    with session_factory() as session:
        topic_id = session.scalar(select(Question.topic_id).where(Question.id == question.id))
        key_dates = session.execute(
            select(Event.id, Event.title, Event.start, Event.end)
            .where(Event.topic_id == topic_id, Event.key_date, Event.start >= "1928-01-01")
            .order_by(Event.start)).all()  # fmt: skip
    rows = [BalancePoint(p.id, p.side, p.claim, p.weight,
                         tuple((c.start, c.end) for c in p.evidence if c.start), len(p.evidence))
            for p in points]  # fmt: skip
    scope = question_scope(question.text, [span for row in rows for span in row.evidence_spans])
    cited = {chip.target_id for p in points for chip in p.evidence if chip.kind == Kind.EVENT}
    unused = [title for event_id, title, start, end in key_dates if event_id not in cited
              and scope is not None and start <= scope[1] and end >= scope[0]]  # fmt: skip
    return balance(question.sides, rows, unused, scope)


def plan_input(session_factory: sessionmaker[Session], question_id: int) -> PlanInput:
    question = get_question(session_factory, question_id)
    points = list_points(session_factory, question_id)
    judgement = get_judgement(session_factory, question_id)
    order = {side: index for index, side in enumerate(question.sides)}
    points.sort(key=lambda p: (order.get(p.side, len(order)), p.position))
    plan_points = tuple(
        PlanPoint(p.side, p.claim, p.explanation, p.weight, p.counter, p.rebuttal,
                  tuple(chip.label for chip in p.evidence))
        for p in points)  # fmt: skip
    source = " · ".join(part for part in (question.exam_source, question.paper) if part)
    return PlanInput(question.text, source, question.table_type, plan_points,
                     judgement.thesis, judgement.conclusion)  # fmt: skip


def plan_markdown(session_factory: sessionmaker[Session], question_id: int) -> str:
    """The question's essay plan as Markdown (the text the student edits and exports)."""
    return build_plan(plan_input(session_factory, question_id))
