"""Write one topic back out as a study pack: the pack's rows and the student's own, with the
same stable keys, so that importing it elsewhere gives the same topic and importing a newer
export on top updates without duplicating.

The result is a plain dict that `data/pack.schema.json` accepts (a test checks it). With
`study_state=False` (the default for sharing with a class) the student's annotations, "learnt"
ticks, ratings, justifications and judgements stay at home; with True they travel too — an
importer writes them only into rows it creates, never over the receiver's own work.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import (
    Event,
    Evidence,
    Factor,
    Historian,
    Judgement,
    KeyTerm,
    KeyTermEvent,
    NoteItem,
    NoteItemEvent,
    NoteSection,
    Period,
    Point,
    Question,
    Quote,
    Topic,
)
from studyapp.domain.errors import StudentError

FORMAT_VERSION = 1


def export_topic(
    session_factory: sessionmaker[Session], topic_id: int, *, study_state: bool = False
) -> dict[str, Any]:
    """The topic as a pack dict, ready for `json.dumps`."""
    with session_factory() as session:
        topic = session.get(Topic, topic_id)
        if topic is None:
            raise StudentError("That topic no longer exists.")
        return _Exporter(session, topic, study_state).pack()


class _Exporter:
    def __init__(self, session: Session, topic: Topic, study_state: bool) -> None:
        self.session, self.topic, self.study_state = session, topic, study_state
        self.keys: dict[tuple[str, int], str] = {}

    def _rows(self, model: Any, *order: Any) -> list[Any]:
        query = select(model).where(model.topic_id == self.topic.id).order_by(*order, model.id)
        rows = list(self.session.scalars(query))
        for row in rows:
            self.keys[(model.__tablename__, row.id)] = row.key
        return rows

    def pack(self) -> dict[str, Any]:
        topic = self.topic
        meta = {"id": topic.pack_id, "version": topic.version, "title": topic.title,
                "exam": topic.exam, "paper": topic.paper, "period_label": topic.period_label}
        meta |= _present(source=topic.source_note, page_refs=topic.page_refs,
                         advice=topic.advice, factors_question=topic.factors_question)  # fmt: skip
        periods = [_present(key=p.key, title=p.title, date=p.edtf, summary=p.summary)
                   for p in self._rows(Period, Period.position)]  # fmt: skip
        quotes = [_present(key=q.key, speaker=q.speaker, text=q.text, context=q.context,
                           date=q.edtf) for q in self._rows(Quote)]  # fmt: skip
        historians = [_present(key=h.key, name=h.name, work=h.work, school=h.school,
                               stance=h.stance) for h in self._rows(Historian)]  # fmt: skip
        return {
            "format_version": FORMAT_VERSION, "pack": meta, "periods": periods,
            "events": self._events(), "note_sections": self._sections(), "quotes": quotes,
            "factors": self._factors(), "historians": historians, "questions": self._questions(),
            "key_terms": self._key_terms(),
        }  # fmt: skip

    def _events(self) -> list[dict[str, Any]]:
        return [
            _present(key=e.key, title=e.title, description=e.description, date=e.edtf,
                     date_label=e.date_label, old_style=e.old_style, category=e.category,
                     key_date=e.key_date or None, period=self._key("period", e.period_id),
                     page_ref=e.page_ref, check_note=e.check_note)
            for e in self._rows(Event, Event.position, Event.start)
        ]  # fmt: skip

    def _sections(self) -> list[dict[str, Any]]:
        sections = self._rows(NoteSection, NoteSection.position)
        children: dict[int | None, list[NoteSection]] = {}
        for section in sections:
            children.setdefault(section.parent_id, []).append(section)

        def tree(parent_id: int | None) -> list[dict[str, Any]]:
            return [
                _present(key=s.key, title=s.title, period=self._key("period", s.period_id),
                         page_ref=s.page_ref, intro=s.intro, items=self._items(s.id),
                         sections=tree(s.id))
                for s in children.get(parent_id, [])
            ]  # fmt: skip

        return tree(None)

    def _items(self, section_id: int) -> list[dict[str, Any]]:
        items = self.session.scalars(
            select(NoteItem).where(NoteItem.section_id == section_id)
            .order_by(NoteItem.position, NoteItem.id)
        ).all()  # fmt: skip
        out = []
        for item in items:
            event_keys = [key for (key,) in self.session.execute(
                select(Event.key).join(NoteItemEvent, NoteItemEvent.event_id == Event.id)
                .where(NoteItemEvent.note_item_id == item.id).order_by(Event.start, Event.id)
            )]  # fmt: skip
            state = {"annotation": item.annotation, "learnt": item.learnt or None}
            out.append(_present(key=item.key, kind=item.kind, text=item.text,
                                quote=self._key("quote", item.quote_id), page_ref=item.page_ref,
                                events=event_keys, **(state if self.study_state else {})))
            self.keys[("note_item", item.id)] = item.key
        return out  # fmt: skip

    def _key_terms(self) -> list[dict[str, Any]]:
        """After the sections, whose keys a term names."""
        out = []
        for term in self._rows(KeyTerm, KeyTerm.position):
            event_keys = [key for (key,) in self.session.execute(
                select(Event.key).join(KeyTermEvent, KeyTermEvent.event_id == Event.id)
                .where(KeyTermEvent.key_term_id == term.id).order_by(Event.start, Event.id)
            )]  # fmt: skip
            out.append(_present(key=term.key, term=term.term, meaning=term.meaning,
                                section=self._key("note_section", term.section_id),
                                events=event_keys))  # fmt: skip
        return out

    def _factors(self) -> list[dict[str, Any]]:
        out = []
        for f in self._rows(Factor, Factor.rank):
            state = {"importance": f.importance, "justification": f.justification}
            out.append(_present(key=f.key, title=f.title, explanation=f.explanation,
                                category=f.category, evidence=self._evidence(Evidence.factor_id,
                                                                             f.id),
                                **(state if self.study_state else {})))  # fmt: skip
        return out

    def _questions(self) -> list[dict[str, Any]]:
        out = []
        for q in self._rows(Question, Question.position):
            points = self.session.scalars(
                select(Point).where(Point.question_id == q.id)
                .order_by(Point.side, Point.position, Point.id)
            ).all()  # fmt: skip
            question = _present(key=q.key, text=q.text, source=q.exam_source, paper=q.paper,
                                command_term=q.command_term, points=[
                _present(key=p.key, side=p.side, claim=p.claim, explanation=p.explanation,
                         weight=p.weight, counter=p.counter,
                         evidence=self._evidence(Evidence.point_id, p.id))
                for p in points])  # fmt: skip
            judgement = self.session.scalars(
                select(Judgement).where(Judgement.question_id == q.id)).first()  # fmt: skip
            if self.study_state and judgement is not None:
                written = _present(thesis=judgement.thesis, conclusion=judgement.conclusion)
                if written:
                    question["judgement"] = written
            out.append(question)
        return out

    def _evidence(self, owner: Any, owner_id: int) -> list[dict[str, str]]:
        links = []
        rows = self.session.scalars(select(Evidence).where(owner == owner_id)
                                    .order_by(Evidence.position, Evidence.id))  # fmt: skip
        for link in rows:
            for kind in ("event", "note_item", "quote", "historian"):
                target = getattr(link, f"{kind}_id")
                if target is not None:
                    links.append({"type": kind, "key": self.keys[(kind, target)]})
        return links

    def _key(self, table: str, row_id: int | None) -> str | None:
        """The key of a row exported earlier (periods, quotes, events come first)."""
        return None if row_id is None else self.keys[(table, row_id)]


def _present(**fields: Any) -> dict[str, Any]:
    """Only the fields with something in them: the schema's optional fields stay optional."""
    return {name: value for name, value in fields.items()
            if value is not None and value != "" and value != []
            or name in ("items",)}  # fmt: skip
