"""The database's tables, as typed SQLAlchemy 2 models.

Pack content and the student's own work live side by side: every row that came from a pack has
a stable `key` from the pack file and a `source` of "pack"; rows the student adds have source
"user". `user_modified` marks pack rows the student has changed, so a newer pack version never
overwrites their work. Review scheduling (FSRS) lives in its own tables, never in content rows.

The schema is created and changed only by the Alembic migrations in `db/migrations/`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOURCE_PACK = "pack"
SOURCE_USER = "user"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PackRowMixin:
    """Columns every pack-sourced row carries."""

    key: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(8), default=SOURCE_PACK)
    user_modified: Mapped[bool] = mapped_column(Boolean, default=False)


class Topic(Base):
    """One study pack: its identity and version, and the exam it prepares for."""

    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(80), unique=True)
    version: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500))
    exam: Mapped[str] = mapped_column(String(200), default="")
    paper: Mapped[str] = mapped_column(String(200), default="")
    period_label: Mapped[str] = mapped_column(String(200), default="")
    source_note: Mapped[str] = mapped_column(Text, default="")
    page_refs: Mapped[str] = mapped_column(String(200), default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    # The question the factors tab ranks its factors for; empty: neutral words instead.
    factors_question: Mapped[str] = mapped_column(Text, default="", server_default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Period(PackRowMixin, Base):
    """A named span of years: a timeline band and a note section's era."""

    __tablename__ = "period"
    __table_args__ = (UniqueConstraint("topic_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(500))
    edtf: Mapped[str] = mapped_column(String(200))
    start: Mapped[str] = mapped_column(String(10))
    end: Mapped[str] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Event(PackRowMixin, Base):
    """A dated happening. `start`/`end` are the EDTF date's strict bounds as ISO dates."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("topic_id", "key"),
        Index("ix_event_start_end", "start", "end"),
        CheckConstraint("start <= \"end\"", name="bounds_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    edtf: Mapped[str] = mapped_column(String(200))
    date_label: Mapped[str] = mapped_column(String(200))
    start: Mapped[str] = mapped_column(String(10))
    end: Mapped[str] = mapped_column(String(10))
    precision: Mapped[str] = mapped_column(String(10))
    old_style: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40))
    key_date: Mapped[bool] = mapped_column(Boolean, default=False)
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))
    page_ref: Mapped[str | None] = mapped_column(String(200))
    check_note: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class NoteSection(PackRowMixin, Base):
    """A heading of the phase notes; sections nest through `parent_id`."""

    __tablename__ = "note_section"
    __table_args__ = (UniqueConstraint("topic_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("note_section.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(500))
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))
    page_ref: Mapped[str | None] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # How sure the student feels about the section: not-yet, shaky or secure (revision 0005).
    confidence: Mapped[str] = mapped_column(String(10), default="not-yet",
                                            server_default="not-yet")

    items: Mapped[list[NoteItem]] = relationship(
        back_populates="section", order_by="NoteItem.position", cascade="all, delete-orphan"
    )


class NoteItem(PackRowMixin, Base):
    """One bullet of the notes, its own row so that it can be cited as evidence."""

    __tablename__ = "note_item"
    __table_args__ = (UniqueConstraint("section_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("note_section.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="point")
    text: Mapped[str] = mapped_column(Text)
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quote.id", ondelete="SET NULL"))
    page_ref: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    annotation: Mapped[str] = mapped_column(Text, default="")
    learnt: Mapped[bool] = mapped_column(Boolean, default=False)
    # A sourced correction shown beside the student's claim, which stays as written (0005).
    check_note: Mapped[str | None] = mapped_column(Text)
    # The student's highlighter: study state, like `learnt` (0005).
    highlighted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    section: Mapped[NoteSection] = relationship(back_populates="items")


class NoteItemEvent(Base):
    """An event a note item names (for jumping from the notes to the timeline)."""

    __tablename__ = "note_item_event"

    note_item_id: Mapped[int] = mapped_column(
        ForeignKey("note_item.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )


class Quote(PackRowMixin, Base):
    __tablename__ = "quote"
    __table_args__ = (UniqueConstraint("topic_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    speaker: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    context: Mapped[str] = mapped_column(Text, default="")
    edtf: Mapped[str | None] = mapped_column(String(200))


class Factor(PackRowMixin, Base):
    """A reason for Soviet victory; `rank` and `importance` are the student's own judgement."""

    __tablename__ = "factor"
    __table_args__ = (
        UniqueConstraint("topic_id", "key"),
        CheckConstraint("importance IS NULL OR importance BETWEEN 1 AND 5", name="importance_1_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(500))
    explanation: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40))
    rank: Mapped[int] = mapped_column(Integer, default=0)
    importance: Mapped[int | None] = mapped_column(Integer)
    justification: Mapped[str] = mapped_column(Text, default="")


class Historian(PackRowMixin, Base):
    __tablename__ = "historian"
    __table_args__ = (UniqueConstraint("topic_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(500))
    work: Mapped[str] = mapped_column(String(500), default="")
    school: Mapped[str] = mapped_column(String(500), default="")
    stance: Mapped[str] = mapped_column(Text, default="")


class Question(PackRowMixin, Base):
    """An essay question: a past paper's or the student's own."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("topic_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    exam_source: Mapped[str] = mapped_column(String(200), default="")
    paper: Mapped[str] = mapped_column(String(200), default="")
    command_term: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # How the argument table is laid out: "" (read from the command term), "sides",
    # "compare" or "factors" when the student changed it (0006_arguments).
    table_type: Mapped[str] = mapped_column(String(20), default="", server_default="")


class Point(PackRowMixin, Base):
    """One row of an argument table."""

    __tablename__ = "point"
    __table_args__ = (
        UniqueConstraint("question_id", "key"),
        CheckConstraint("weight BETWEEN 1 AND 5", name="weight_1_5"),
        CheckConstraint(
            "side IN ('for', 'against', 'similarity', 'difference', 'factor')", name="side"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(12))
    claim: Mapped[str] = mapped_column(String(500))
    explanation: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(Integer, default=3)
    counter: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The answer to the counter-argument (0006_arguments).
    rebuttal: Mapped[str] = mapped_column(Text, default="", server_default="")


class Evidence(Base):
    """A link from a Point or a Factor to what backs it: an event, note item, quote or historian.

    Exactly one owner and exactly one target are set; the CHECKs keep it so.
    """

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint(
            "(point_id IS NOT NULL) + (factor_id IS NOT NULL) = 1", name="one_owner"
        ),
        CheckConstraint(
            "(event_id IS NOT NULL) + (note_item_id IS NOT NULL) + (quote_id IS NOT NULL)"
            " + (historian_id IS NOT NULL) + (cited_factor_id IS NOT NULL) = 1",
            name="one_target",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int | None] = mapped_column(ForeignKey("point.id", ondelete="CASCADE"))
    factor_id: Mapped[int | None] = mapped_column(ForeignKey("factor.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    note_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("note_item.id", ondelete="CASCADE")
    )
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quote.id", ondelete="CASCADE"))
    historian_id: Mapped[int | None] = mapped_column(
        ForeignKey("historian.id", ondelete="CASCADE")
    )
    comment: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # A war-victory factor cited by a point (0006_arguments); `factor_id` is a factor as owner.
    cited_factor_id: Mapped[int | None] = mapped_column(
        ForeignKey("factor.id", ondelete="CASCADE")
    )


class Judgement(Base):
    """The student's thesis and conclusion for one question."""

    __tablename__ = "judgement"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), unique=True
    )
    thesis: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")


class KeyTerm(PackRowMixin, Base):
    """A word or phrase of the topic and what it means, as the student should be able to say it.

    `section_id` is the part of the notes it belongs to (none for a topic-wide term); the
    events it bears on are in `key_term_event` (revision 0007).
    """

    __tablename__ = "key_term"
    __table_args__ = (UniqueConstraint("topic_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    term: Mapped[str] = mapped_column(String(200))
    meaning: Mapped[str] = mapped_column(Text)
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("note_section.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class KeyTermEvent(Base):
    """An event a key term bears on (the Nazi–Soviet Pact for "non-aggression pact")."""

    __tablename__ = "key_term_event"

    key_term_id: Mapped[int] = mapped_column(
        ForeignKey("key_term.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )


class PackTombstone(Base):
    """A pack row the student deleted: re-importing the pack must not bring it back."""

    __tablename__ = "pack_tombstone"

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True
    )
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(240), primary_key=True)


class ReviewCard(Base):
    """One flashcard and its FSRS scheduling state, kept apart from the content it quizzes.

    Generated cards (`origin` "pack") name their source as (`source_kind`, `source_id`) without
    a foreign key: deleting an event must never delete what the student has learnt about it, so
    `sync_cards` marks the card `source_missing` instead. `suspended` is the student's own
    choice; a card is reviewed only when neither is set. `user_modified` keeps a student's
    rewording of a generated card from being overwritten when its source changes.
    """

    __tablename__ = "review_card"
    __table_args__ = (
        UniqueConstraint("topic_id", "card_key"),
        CheckConstraint("origin IN ('pack', 'user')", name="origin"),
        # An edit re-syncs the cards of the rows it changed (0007): find them by source, and
        # the events sharing a worded date by their date card's answer.
        Index("ix_review_card_source", "source_kind", "source_id"),
        Index("ix_review_card_event_date", "answer", sqlite_where=text("kind = 'event-date'")),
        # The due count and the session's first cards, read whenever the Review tab opens, from
        # the index alone (0009): without it, every card of the topic is visited.
        Index("ix_review_card_topic_due", "topic_id", "suspended", "source_missing", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    card_key: Mapped[str] = mapped_column(String(240))
    kind: Mapped[str] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(8), default=SOURCE_PACK)
    source_kind: Mapped[str | None] = mapped_column(String(40))
    source_id: Mapped[int | None] = mapped_column(Integer)
    period_id: Mapped[int | None] = mapped_column(ForeignKey("period.id", ondelete="SET NULL"))
    prompt: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    user_modified: Mapped[bool] = mapped_column(Boolean, default=False)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    source_missing: Mapped[bool] = mapped_column(Boolean, default=False)
    state_json: Mapped[str] = mapped_column(Text, default="{}")
    due: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class CardSourceChange(Base):
    """A row review cards are worded from changed since its topic's cards were last synced.

    Written only by SQL triggers (`db/card_sources.py`, 0009); `services.review.sync_pending`
    re-words the noted rows' cards and deletes the notes. `row_id` None: the whole topic (a
    period changed). No foreign key: a note outliving its row is what says the cards of a
    deleted row must be marked missing.
    """

    __tablename__ = "card_source_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int | None] = mapped_column(Integer)


class ReviewLog(Base):
    """One rating the student gave a card, when, and how long they took."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("review_card.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    duration_ms: Mapped[int | None] = mapped_column(Integer)


class ReviewSetting(Base):
    """Review preferences that belong with the student's data (desired retention)."""

    __tablename__ = "review_setting"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class ChronologyResult(Base):
    """One chronology challenge: the events asked, the order given, and the score."""

    __tablename__ = "chronology_result"
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND out_of", name="score_in_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"))
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    event_keys: Mapped[str] = mapped_column(Text)  # JSON list, in the order the student gave
    score: Mapped[int] = mapped_column(Integer)
    out_of: Mapped[int] = mapped_column(Integer)


class FactorComparison(Base):
    """The student's reason why one war-victory factor mattered more than another (0005)."""

    __tablename__ = "factor_comparison"
    __table_args__ = (
        UniqueConstraint("stronger_id", "weaker_id"),
        CheckConstraint("stronger_id <> weaker_id", name="two_factors"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stronger_id: Mapped[int] = mapped_column(ForeignKey("factor.id", ondelete="CASCADE"))
    weaker_id: Mapped[int] = mapped_column(ForeignKey("factor.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text, default="")
