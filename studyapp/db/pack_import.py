"""Write a validated study pack into the database, in one transaction, idempotently.

Rows are matched on their stable pack key. A row the student never touched is brought up to
date; a row they edited (`user_modified`), deleted (a tombstone) or added themselves is left
exactly as it is. Student state — factor ranks and ratings, annotations, "learnt" ticks,
judgements — is never written by an import. Running the same import twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import (
    SOURCE_PACK,
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
    PackTombstone,
    Period,
    Point,
    Question,
    Quote,
    Topic,
)
from studyapp.db.services.review import sync_cards
from studyapp.domain.dates import parse
from studyapp.packs.loader import iter_sections, load_pack


@dataclass
class ImportReport:
    pack_id: str
    version: str
    title: str
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        def total(counter: Counter[str]) -> int:
            return sum(counter.values())

        return (
            f"Imported '{self.title}' (version {self.version}): {total(self.added)} added, "
            f"{total(self.updated)} updated, {total(self.kept)} of your edits kept."
        )


def import_pack_file(session_factory: sessionmaker[Session], path: Path, *,
                     check: Callable[[], None] | None = None) -> ImportReport:  # fmt: skip
    """Validate `path` and import it; raises PackError (database untouched) when it is bad.
    `check()` runs between the steps, inside the one transaction: whatever it raises (the
    student cancelling) rolls the whole import back."""
    pack = load_pack(path)
    with session_factory.begin() as session:
        return _Importer(session, pack, check or (lambda: None)).run()


class _Importer:
    def __init__(self, session: Session, pack: dict[str, Any], check: Callable[[], None]) -> None:
        self.session = session
        self.check = check
        self.pack = pack
        meta = pack["pack"]
        self.report = ImportReport(meta["id"], meta["version"], meta["title"])
        self.ids: dict[str, dict[str, int]] = {}

    def run(self) -> ImportReport:
        self.topic = self._topic()
        self.tombstones = {
            (row.table_name, row.key)
            for row in self.session.scalars(
                select(PackTombstone).where(PackTombstone.topic_id == self.topic.id)
            )
        }
        for step in (self._periods, self._quotes, self._historians, self._events,
                     self._sections, self._key_terms, self._factors,
                     self._questions):  # fmt: skip
            self.check()
            step()
        self.check()
        sync_cards(self.session, self.topic.id)  # new content gets its review cards at once
        self.check()  # the last moment a cancel can still undo everything
        return self.report

    # -- helpers -----------------------------------------------------------------------------

    def _upsert(
        self,
        model: Any,  # a model with the PackRowMixin columns (key, source, user_modified)
        scope: dict[str, int],
        key: str,
        values: dict[str, Any],
        tombstone_key: str | None = None,
    ) -> tuple[Any, bool] | None:
        """Insert or refresh one pack row. Returns (row, writable) or None when tombstoned.

        `writable` is False when the student has changed the row: the caller must then leave
        the row's dependants (evidence links) alone too.
        """
        table = model.__tablename__
        if (table, tombstone_key or key) in self.tombstones:
            self.report.kept[table] += 1
            return None
        conditions = [getattr(model, column) == value for column, value in scope.items()]
        row = self.session.scalars(select(model).where(*conditions, model.key == key)).first()
        if row is None:
            row = model(key=key, source=SOURCE_PACK, user_modified=False, **scope, **values)
            self.session.add(row)
            self.session.flush()
            self.report.added[table] += 1
            return row, True
        if row.source != SOURCE_PACK or row.user_modified:
            self.report.kept[table] += 1
            return row, False
        changed = False
        for column, value in values.items():
            if getattr(row, column) != value:
                setattr(row, column, value)
                changed = True
        if changed:
            self.report.updated[table] += 1
        return row, True

    def _id(self, kind: str, key: str | None) -> int | None:
        return None if key is None else self.ids.get(kind, {}).get(key)

    def _remember(self, kind: str, key: str, row: Any) -> None:
        self.ids.setdefault(kind, {})[key] = row.id

    # -- content -----------------------------------------------------------------------------

    def _topic(self) -> Topic:
        meta = self.pack["pack"]
        values = {
            "version": meta["version"],
            "title": meta["title"],
            "exam": meta["exam"],
            "paper": meta["paper"],
            "period_label": meta["period_label"],
            "source_note": meta.get("source", ""),
            "page_refs": meta.get("page_refs", ""),
            "advice": meta.get("advice", ""),
        }
        topic = self.session.scalars(select(Topic).where(Topic.pack_id == meta["id"])).first()
        now = dt.datetime.now(dt.UTC)
        if topic is None:
            topic = Topic(pack_id=meta["id"], imported_at=now, **values)
            self.session.add(topic)
            self.session.flush()
            self.report.added["topic"] += 1
        elif any(getattr(topic, column) != value for column, value in values.items()):
            for column, value in values.items():
                setattr(topic, column, value)
            topic.imported_at = now
            self.report.updated["topic"] += 1
        return topic

    def _periods(self) -> None:
        for position, period in enumerate(self.pack["periods"]):
            date = parse(period["date"])
            values = {
                "title": period["title"],
                "edtf": date.edtf,
                "start": date.start_iso,
                "end": date.end_iso,
                "summary": period.get("summary", ""),
                "position": position,
            }
            result = self._upsert(Period, {"topic_id": self.topic.id}, period["key"], values)
            if result:
                self._remember("period", period["key"], result[0])

    def _quotes(self) -> None:
        for quote in self.pack["quotes"]:
            values = {
                "speaker": quote["speaker"],
                "text": quote["text"],
                "context": quote.get("context", ""),
                "edtf": quote.get("date"),
            }
            result = self._upsert(Quote, {"topic_id": self.topic.id}, quote["key"], values)
            if result:
                self._remember("quote", quote["key"], result[0])

    def _historians(self) -> None:
        for historian in self.pack["historians"]:
            values = {
                "name": historian["name"],
                "work": historian.get("work", ""),
                "school": historian.get("school", ""),
                "stance": historian.get("stance", ""),
            }
            result = self._upsert(Historian, {"topic_id": self.topic.id}, historian["key"], values)
            if result:
                self._remember("historian", historian["key"], result[0])

    def _events(self) -> None:
        for position, event in enumerate(self.pack["events"]):
            date = parse(event["date"])
            values = {
                "title": event["title"],
                "description": event.get("description", ""),
                "edtf": date.edtf,
                "date_label": event["date_label"],
                "start": date.start_iso,
                "end": date.end_iso,
                "precision": date.precision.value,
                "old_style": event.get("old_style"),
                "category": event["category"],
                "key_date": event.get("key_date", False),
                "period_id": self._id("period", event.get("period")),
                "page_ref": event.get("page_ref"),
                "check_note": event.get("check_note"),
                "position": position,
            }
            result = self._upsert(Event, {"topic_id": self.topic.id}, event["key"], values)
            if result:
                self._remember("event", event["key"], result[0])

    def _sections(self) -> None:
        positions: Counter[str | None] = Counter()
        for _where, section, parent in iter_sections(self.pack["note_sections"]):
            parent_key = parent["key"] if parent else None
            values = {
                "title": section["title"],
                "parent_id": self._id("section", parent_key),
                "period_id": self._id("period", section.get("period")),
                "page_ref": section.get("page_ref"),
                "intro": section.get("intro", ""),
                "position": positions[parent_key],
            }
            positions[parent_key] += 1
            result = self._upsert(NoteSection, {"topic_id": self.topic.id}, section["key"], values)
            if result is None:
                continue
            self._remember("section", section["key"], result[0])
            for position, item in enumerate(section["items"]):
                self._item(result[0].id, position, item)

    def _item(self, section_id: int, position: int, item: dict[str, Any]) -> None:
        values = {
            "kind": item.get("kind", "point"),
            "text": item["text"],
            "quote_id": self._id("quote", item.get("quote")),
            "page_ref": item.get("page_ref"),
            "position": position,
            "check_note": item.get("check_note"),  # issue 7: a sourced correction
        }
        if not self._exists(NoteItem, NoteItem.section_id == section_id, item["key"]):
            # A topic shared with its study state: only a row made now takes it.
            values |= {"annotation": item.get("annotation", ""),
                       "learnt": item.get("learnt", False)}
        result = self._upsert(NoteItem, {"section_id": section_id}, item["key"], values)
        if result is None:
            return
        row, writable = result
        self._remember("note_item", item["key"], row)
        if writable:
            self.session.execute(delete(NoteItemEvent).where(NoteItemEvent.note_item_id == row.id))
            for event_key in item.get("events", []):
                event_id = self._id("event", event_key)
                if event_id is not None:
                    self.session.add(NoteItemEvent(note_item_id=row.id, event_id=event_id))

    def _key_terms(self) -> None:
        for position, term in enumerate(self.pack.get("key_terms", [])):
            values = {
                "term": term["term"],
                "meaning": term["meaning"],
                "section_id": self._id("section", term.get("section")),
                "position": position,
            }
            result = self._upsert(KeyTerm, {"topic_id": self.topic.id}, term["key"], values)
            if result is None or not result[1]:
                continue
            row = result[0]
            self.session.execute(delete(KeyTermEvent).where(KeyTermEvent.key_term_id == row.id))
            for event_key in dict.fromkeys(term.get("events", [])):
                event_id = self._id("event", event_key)
                if event_id is not None:  # None: the student deleted that event
                    self.session.add(KeyTermEvent(key_term_id=row.id, event_id=event_id))

    def _factors(self) -> None:
        next_rank = self._next(Factor.rank, Factor.topic_id == self.topic.id)
        for factor in self.pack["factors"]:
            values = {
                "title": factor["title"],
                "explanation": factor["explanation"],
                "category": factor["category"],
            }
            exists = self._exists(Factor, Factor.topic_id == self.topic.id, factor["key"])
            if not exists:
                values |= {"rank": next_rank, "importance": factor.get("importance"),
                           "justification": factor.get("justification", "")}
                next_rank += 1
            result = self._upsert(Factor, {"topic_id": self.topic.id}, factor["key"], values)
            if result and result[1]:
                self._link_evidence("factor_id", result[0].id, factor.get("evidence", []))

    def _questions(self) -> None:
        for position, question in enumerate(self.pack["questions"]):
            values = {
                "text": question["text"],
                "exam_source": question["source"],
                "paper": question.get("paper", ""),
                "command_term": question["command_term"],
                "position": position,
            }
            result = self._upsert(Question, {"topic_id": self.topic.id}, question["key"], values)
            if result is None:
                continue
            self._points(result[0].id, question["key"], question.get("points", []))
            self._judgement(result[0].id, question.get("judgement"))

    def _points(self, question_id: int, question_key: str, points: list[dict[str, Any]]) -> None:
        next_position = self._next(Point.position, Point.question_id == question_id)
        for point in points:
            values = {
                "side": point["side"],
                "claim": point["claim"],
                "explanation": point.get("explanation", ""),
                "weight": point.get("weight", 3),
                "counter": point.get("counter", ""),
                "rebuttal": point.get("rebuttal", ""),  # issue #8
            }
            if not self._exists(Point, Point.question_id == question_id, point["key"]):
                values["position"] = next_position
                next_position += 1
            result = self._upsert(
                Point,
                {"question_id": question_id},
                point["key"],
                values,
                tombstone_key=f"{question_key}/{point['key']}",
            )
            if result and result[1]:
                self._link_evidence("point_id", result[0].id, point.get("evidence", []))

    def _judgement(self, question_id: int, judgement: dict[str, str] | None) -> None:
        if not judgement:
            return
        existing = self.session.scalars(
            select(Judgement).where(Judgement.question_id == question_id)
        ).first()
        if existing is None:  # the student's own judgement always wins
            self.session.add(
                Judgement(
                    question_id=question_id,
                    thesis=judgement.get("thesis", ""),
                    conclusion=judgement.get("conclusion", ""),
                )
            )
            self.report.added["judgement"] += 1

    def _link_evidence(self, owner: str, owner_id: int, links: list[dict[str, str]]) -> None:
        owner_column = getattr(Evidence, owner)
        self.session.execute(delete(Evidence).where(owner_column == owner_id))
        for position, link in enumerate(links):
            target_id = self._id(link["type"], link["key"])
            if target_id is None:  # its target was deleted by the student
                continue
            self.session.add(
                Evidence(**{owner: owner_id, f"{link['type']}_id": target_id}, position=position)
            )

    def _exists(self, model: Any, scope: Any, key: str) -> bool:
        found = self.session.scalar(select(model.id).where(scope, model.key == key))
        return found is not None

    def _next(self, column: Any, scope: Any) -> int:
        current = self.session.scalar(select(func.max(column)).where(scope))
        return 0 if current is None else current + 1
