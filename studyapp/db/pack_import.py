"""Write a validated study pack into the database, in one transaction, idempotently.

Rows are matched on their stable pack key: the keys already stored are read once per table
(per section or question for their items and points), new rows are added and written together
(one flush per table, not one per row), and links are replaced in bulk. A row the student
never touched is brought up to date; a row they edited (`user_modified`), deleted (a
tombstone) or added themselves is left exactly as it is. Student state — factor ranks and
ratings, annotations, "learnt" ticks, judgements — is never written by an import. Running the
same import twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
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


def import_pack_file(session_factory: sessionmaker[Session], path: Path) -> ImportReport:
    """Validate `path` and import it; raises PackError (database untouched) when it is bad."""
    return import_pack(session_factory, load_pack(path))


def import_pack(session_factory: sessionmaker[Session], pack: dict[str, Any], *,
                check: Callable[[], None] | None = None) -> ImportReport:  # fmt: skip
    """Import a pack `load_pack` has validated (it is not validated again), in one
    transaction. `check()` runs between the steps, inside that transaction: whatever it
    raises (the student cancelling) rolls the whole import back."""
    with session_factory.begin() as session:
        return _Importer(session, pack, check or (lambda: None)).run()


class _Importer:
    def __init__(self, session: Session, pack: dict[str, Any], check: Callable[[], None]) -> None:
        self.session = session
        self.check = check
        self.pack = pack
        meta = pack["pack"]
        self.report = ImportReport(meta["id"], meta["version"], meta["title"])
        # kind -> key -> row (its id once flushed), or the id of a row inserted in bulk
        self.rows: dict[str, dict[str, Any]] = {}
        self._stored: dict[tuple[Any, tuple[tuple[str, int], ...]], dict[str, Any]] = {}

    def run(self) -> ImportReport:
        self.topic = self._topic()
        self.tombstones = {
            (row.table_name, row.key)
            for row in self.session.scalars(
                select(PackTombstone).where(PackTombstone.topic_id == self.topic.id)
            )
        }
        # A flush after the steps whose rows later steps refer to by id (events, notes and
        # evidence refer to periods, quotes and historians; sections to events…).
        steps = ((self._periods, False), (self._quotes, False), (self._historians, True),
                 (self._events, True), (self._sections, True), (self._key_terms, False),
                 (self._factors, False), (self._questions, False))  # fmt: skip
        for step, then_flush in steps:
            self.check()
            step()
            if then_flush:
                self.session.flush()
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
        new_rows: list[dict[str, Any]] | None = None,
    ) -> tuple[Any, bool] | None:
        """Insert or refresh one pack row. Returns (row, writable) or None when tombstoned.

        `writable` is False when the student has changed the row: the caller must then leave
        the row's dependants (evidence links) alone too. With `new_rows`, a new row is not
        made as an object but added there as values, for the caller to insert in bulk; the
        row returned is then None.
        """
        table = model.__tablename__
        if (table, tombstone_key or key) in self.tombstones:
            self.report.kept[table] += 1
            return None
        stored = self._stored_rows(model, scope)
        row = stored.get(key)
        if row is None and new_rows is not None:
            new_rows.append({"key": key, "source": SOURCE_PACK, "user_modified": False,
                             **scope, **values})  # fmt: skip
            self.report.added[table] += 1
            return None, True
        if row is None:  # written with the table's other new rows at the next flush
            row = model(key=key, source=SOURCE_PACK, user_modified=False, **scope, **values)
            self.session.add(row)
            stored[key] = row
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

    def _stored_rows(self, model: Any, scope: dict[str, int]) -> dict[str, Any]:
        """The rows of `model` within `scope` by key, read with one query the first time."""
        cache_key = (model, tuple(sorted(scope.items())))
        rows = self._stored.get(cache_key)
        if rows is None:
            conditions = [getattr(model, column) == value for column, value in scope.items()]
            rows = {row.key: row for row in self.session.scalars(select(model).where(*conditions))}
            self._stored[cache_key] = rows
        return rows

    def _id(self, kind: str, key: str | None) -> int | None:
        """The id of a row imported earlier (its table was flushed since)."""
        row = None if key is None else self.rows.get(kind, {}).get(key)
        return row if row is None or isinstance(row, int) else int(row.id)

    def _remember(self, kind: str, key: str, row: Any) -> None:
        self.rows.setdefault(kind, {})[key] = row

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
        if "factors_question" in meta:  # a pack without one keeps the question the topic has
            values["factors_question"] = meta["factors_question"]
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
        """Events, the bulk of a large pack: new ones are inserted in one statement (an ORM
        flush would insert them one by one to learn each id) and their ids read back."""
        new: list[dict[str, Any]] = []
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
            result = self._upsert(Event, {"topic_id": self.topic.id}, event["key"], values,
                                  new_rows=new)  # fmt: skip
            if result and result[0] is not None:
                self._remember("event", event["key"], result[0])
        if new:
            self.session.execute(insert(Event), new)
            ids = dict(self.session.execute(
                select(Event.key, Event.id).where(Event.topic_id == self.topic.id)).all())
            known = self.rows.setdefault("event", {})
            for row in new:
                known[row["key"]] = ids[row["key"]]

    def _sections(self) -> None:
        positions: Counter[str | None] = Counter()
        links: list[tuple[Any, list[str]]] = []  # (note item, its events' keys) to write
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
            row = result[0]
            if row.id is None:
                self.session.flush()  # its items and sub-sections need its id
            self._remember("section", section["key"], row)
            for position, item in enumerate(section["items"]):
                self._item(row.id, position, item, links)
        self.session.flush()  # the new items get their ids
        self._replace(NoteItemEvent, "note_item_id", [
            (row, [{"event_id": event_id} for event_id in dict.fromkeys(
                self._id("event", key) for key in keys) if event_id is not None])
            for row, keys in links])  # fmt: skip

    def _item(self, section_id: int, position: int, item: dict[str, Any],
              links: list[tuple[Any, list[str]]]) -> None:  # fmt: skip
        values = {
            "kind": item.get("kind", "point"),
            "text": item["text"],
            "quote_id": self._id("quote", item.get("quote")),
            "page_ref": item.get("page_ref"),
            "position": position,
            "check_note": item.get("check_note"),  # issue 7: a sourced correction
        }
        if item["key"] not in self._stored_rows(NoteItem, {"section_id": section_id}):
            # A topic shared with its study state: only a row made now takes it.
            values |= {"annotation": item.get("annotation", ""),
                       "learnt": item.get("learnt", False)}
        result = self._upsert(NoteItem, {"section_id": section_id}, item["key"], values)
        if result is None:
            return
        row, writable = result
        self._remember("note_item", item["key"], row)
        if writable:
            links.append((row, item.get("events", [])))

    def _key_terms(self) -> None:
        links: list[tuple[Any, list[str]]] = []  # (key term, its events' keys) to write
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
            links.append((result[0], term.get("events", [])))
        self.session.flush()  # the new terms get their ids; an event the student deleted: none
        self._replace(KeyTermEvent, "key_term_id", [
            (row, [{"event_id": event_id} for event_id in dict.fromkeys(
                self._id("event", key) for key in keys) if event_id is not None])
            for row, keys in links])  # fmt: skip

    def _factors(self) -> None:
        next_rank = self._next(Factor.rank, Factor.topic_id == self.topic.id)
        evidence: list[tuple[Any, list[dict[str, str]]]] = []
        for factor in self.pack["factors"]:
            values = {
                "title": factor["title"],
                "explanation": factor["explanation"],
                "category": factor["category"],
            }
            if factor["key"] not in self._stored_rows(Factor, {"topic_id": self.topic.id}):
                values |= {"rank": next_rank, "importance": factor.get("importance"),
                           "justification": factor.get("justification", "")}
                next_rank += 1
            result = self._upsert(Factor, {"topic_id": self.topic.id}, factor["key"], values)
            if result and result[1]:
                evidence.append((result[0], factor.get("evidence", [])))
        self.session.flush()
        self._replace_evidence("factor_id", evidence)

    def _questions(self) -> None:
        evidence: list[tuple[Any, list[dict[str, str]]]] = []
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
            if result[0].id is None:
                self.session.flush()  # its points and judgement need its id
            self._points(result[0].id, question["key"], question.get("points", []), evidence)
            self._judgement(result[0].id, question.get("judgement"))
        self.session.flush()
        self._replace_evidence("point_id", evidence)

    def _points(self, question_id: int, question_key: str, points: list[dict[str, Any]],
                evidence: list[tuple[Any, list[dict[str, str]]]]) -> None:  # fmt: skip
        next_position = self._next(Point.position, Point.question_id == question_id)
        stored = self._stored_rows(Point, {"question_id": question_id})
        for point in points:
            values = {
                "side": point["side"],
                "claim": point["claim"],
                "explanation": point.get("explanation", ""),
                "weight": point.get("weight", 3),
                "counter": point.get("counter", ""),
                "rebuttal": point.get("rebuttal", ""),  # issue #8
            }
            if point["key"] not in stored:
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
                evidence.append((result[0], point.get("evidence", [])))

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

    def _replace_evidence(self, owner: str,
                          evidence: list[tuple[Any, list[dict[str, str]]]]) -> None:  # fmt: skip
        """Each owner's evidence as the pack lists it (a target the student deleted is left
        out, keeping the others' positions)."""
        rows = []
        for row, links in evidence:
            targets = ((position, link["type"], self._id(link["type"], link["key"]))
                       for position, link in enumerate(links))  # fmt: skip
            rows.append((row, [{f"{kind}_id": target, "position": position}
                               for position, kind, target in targets if target is not None]))
        self._replace(Evidence, owner, rows)

    def _replace(self, model: Any, owner: str,
                 rows: list[tuple[Any, list[dict[str, Any]]]]) -> None:  # fmt: skip
        """Replace the links (`model` rows) of each (owner row, its links' values): one
        DELETE per 500 owners and one bulk INSERT, rather than a statement per link."""
        owner_column = getattr(model, owner)
        ids = [row.id for row, _links in rows]
        for start in range(0, len(ids), 500):
            self.session.execute(delete(model).where(owner_column.in_(ids[start:start + 500])))
        values = [{owner: row.id, **link} for row, links in rows for link in links]
        if values:
            self.session.execute(insert(model), values)

    def _next(self, column: Any, scope: Any) -> int:
        current = self.session.scalar(select(func.max(column)).where(scope))
        return 0 if current is None else current + 1
