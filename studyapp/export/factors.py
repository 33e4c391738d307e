"""A topic's factors as an answer plan for its factors question (or under a neutral heading when
it has none): the student's ranking with importance, justifications, comparisons and evidence."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.services.factors import FactorRow, factors_question, list_factors
from studyapp.export.document import Block, Bullet, Document, Heading, Paragraph, StudentText

NEUTRAL_HEADING = "Factors, most important first"
IMPORTANCE = {1: "minor", 2: "some", 3: "significant", 4: "major", 5: "decisive"}


def factors_document(session_factory: sessionmaker[Session], topic_id: int) -> Document:
    rows = list_factors(session_factory, topic_id)
    question = factors_question(session_factory, topic_id).strip()
    document = Document(f"Answer plan: {question}" if question else NEUTRAL_HEADING)
    document.add(Paragraph("The factors in your order, most important first.", meta=True))
    for rank, factor in enumerate(rows, start=1):
        document.add(*factor_blocks(rank, factor))
    return document


def importance_text(importance: int | None) -> str:
    if importance is None:
        return "importance not rated"
    return f"importance {importance} of 5 ({IMPORTANCE[importance]})"


def factor_blocks(rank: int, factor: FactorRow) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, f"{rank}. {factor.title}"),
        Paragraph(f"{factor.category_label} · {importance_text(factor.importance)}", meta=True),
    ]
    if factor.explanation:
        blocks.append(Paragraph(factor.explanation))
    if factor.justification.strip():
        blocks.append(StudentText("Why it ranks here", factor.justification))
    else:
        blocks.append(Paragraph("Not justified yet.", meta=True))
    for comparison in factor.comparisons:
        if comparison.stronger_id == factor.id:
            said = f"More important than {comparison.weaker_title}: {comparison.reason}"
        else:
            said = f"Less important than {comparison.stronger_title}: {comparison.reason}"
        blocks.append(Bullet(said))
    blocks += [Bullet(f"Evidence: {link.label}") for link in factor.evidence]
    return blocks
