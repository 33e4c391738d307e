"""The phase notes as a document: every section with its headings, bullets, quotes, page
references, check notes, the student's annotations and how confident they feel."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.operations.notes import CONFIDENCE_LABELS
from studyapp.db.services.notes import (
    ItemRow,
    SectionRow,
    confidence_summary,
    items_by_section,
    section_tree,
    walk,
)
from studyapp.db.services.topic import current_topic
from studyapp.domain.text import split_quote
from studyapp.export.document import (
    Block,
    Bullet,
    Callout,
    Document,
    Heading,
    Paragraph,
    Quote,
    StudentText,
)


def notes_document(session_factory: sessionmaker[Session], topic_id: int) -> Document:
    topic = current_topic(session_factory)
    roots = section_tree(session_factory, topic_id)
    items = items_by_section(session_factory, topic_id)
    secure, total = confidence_summary(roots)
    document = Document(f"Phase notes: {topic.title if topic else 'your notes'}")
    document.add(Paragraph(f"{secure} of {total} sections secure.", meta=True))
    for section, depth in walk(roots):
        document.add(*section_blocks(section, depth, items.get(section.id, [])))
    return document


def section_blocks(section: SectionRow, depth: int, items: list[ItemRow]) -> list[Block]:
    blocks: list[Block] = [Heading(depth + 2, section.title)]
    meta = [section.page_ref or ""]
    if not section.children:
        meta.append(f"Confidence: {CONFIDENCE_LABELS.get(section.confidence, 'not yet')}")
    blocks.append(Paragraph(" · ".join(m for m in meta if m), meta=True))
    if section.intro.strip():
        blocks.append(Paragraph(section.intro))
    for item in items:
        blocks += item_blocks(item)
    return blocks


def item_blocks(item: ItemRow) -> list[Block]:
    """An item, then its check note and the student's annotation."""
    tags = [tag.label for tag in item.events] + ([item.page_ref] if item.page_ref else [])
    if item.user_modified or item.source == "user":
        tags.append("your own" if item.source == "user" else "edited")
    if item.learnt:
        tags.append("learnt")
    blocks: list[Block]
    if item.kind == "quote":
        quoted, said = split_quote(item.text)
        speaker = said.lstrip("–—- ") or item.quote_speaker
        blocks = [Quote(quoted, ", ".join(p for p in (speaker, item.quote_context) if p))]
    elif item.kind in ("question", "advice"):
        blocks = [Paragraph(f"{item.kind.capitalize()}: {item.text}")]
    else:
        blocks = [Bullet(item.text, tuple(tags))]
    if item.check_note:
        blocks.append(Callout("Check", item.check_note.removeprefix("Check:").strip()))
    if item.annotation.strip():
        blocks.append(StudentText("Your note", item.annotation))
    return blocks
