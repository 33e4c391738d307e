"""One simple document model for every export, and its three renderings.

An export (notes, factors…) is a `Document`: a title and a list of blocks. `markdown`, `html`
(for PDF and printing through Qt's `QTextDocument`) and `docx` (python-docx, imported lazily)
render the same blocks, so the three formats never drift apart. `write` picks the format and
writes the file atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.domain.markup import escape, markdown_html, plain_paragraphs
from studyapp.export.files import write_bytes, write_text

FORMATS = ("md", "pdf", "docx")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 is the document's title
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    meta: bool = False  # a small grey line: page references, confidence, category


@dataclass(frozen=True)
class Bullet:
    text: str
    tags: tuple[str, ...] = ()  # dates of events, page references, "edited", "learnt"


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class Callout:
    """A check note (or any boxed aside): a bold label, then a sentence."""

    label: str
    text: str


@dataclass(frozen=True)
class StudentText:
    """The student's own Markdown (an annotation, a justification) under a label."""

    label: str
    text: str


Block = Heading | Paragraph | Bullet | Quote | Callout | StudentText


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


# -- Markdown ------------------------------------------------------------------------------------


def markdown(document: Document) -> str:
    lines = [f"# {document.title}", ""]
    for block in document.blocks:
        lines += _markdown_block(block)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * min(block.level, 6) + " " + block.text, ""]
    if isinstance(block, Paragraph):
        return [f"*{block.text}*" if block.meta else block.text, ""]
    if isinstance(block, Bullet):
        tags = f" — *{' · '.join(block.tags)}*" if block.tags else ""
        return [f"- {block.text}{tags}", ""]
    if isinstance(block, Quote):
        said = [f"> — {block.attribution}"] if block.attribution else []
        return [f"> {block.text}", *([">"] if said else []), *said, ""]
    if isinstance(block, Callout):
        return [f"> **{block.label}:** {block.text}", ""]
    body = block.text.strip().splitlines()
    return [f"> **{block.label}:**", ">", *[f"> {line}".rstrip() for line in body], ""]


# -- HTML (PDF, print) ---------------------------------------------------------------------------

TAG_STYLE = "background-color:#e3ebf6; color:#1d3557; font-size:small"
CALLOUT = ('<table width="100%" cellpadding="6" cellspacing="0" style="background-color:#e8f1fb;'
           ' margin-top:2px; margin-bottom:6px"><tr><td><b>ℹ {label}:</b> {text}</td></tr>'
           "</table>")  # fmt: skip
STUDENT = ('<table width="100%" cellpadding="6" cellspacing="0" style="background-color:#eef5ea;'
           ' margin-bottom:6px"><tr><td><b>{label}:</b>{text}</td></tr></table>')  # fmt: skip


def html(document: Document) -> str:
    parts = [f"<h1>{escape(document.title)}</h1>"]
    parts += [_html_block(block) for block in document.blocks]
    return "<html><body>" + "".join(parts) + "</body></html>"


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(block.level, 6)
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        style = ' style="color:#555555; font-size:small"' if block.meta else ""
        return f"<p{style}>{escape(block.text)}</p>"
    if isinstance(block, Bullet):
        tags = " ".join(f'<span style="{TAG_STYLE}">&nbsp;{escape(t)}&nbsp;</span>'
                        for t in block.tags)  # fmt: skip
        return f"<ul><li>{escape(block.text)} {tags}</li></ul>"
    if isinstance(block, Quote):
        said = f"<br/><small>— {escape(block.attribution)}</small>" if block.attribution else ""
        return f"<blockquote><i>{escape(block.text)}</i>{said}</blockquote>"
    if isinstance(block, Callout):
        return CALLOUT.format(label=escape(block.label), text=escape(block.text))
    return STUDENT.format(label=escape(block.label), text=markdown_html(block.text))


# -- Word ----------------------------------------------------------------------------------------


def docx_bytes(document: Document) -> bytes:
    import docx  # python-docx, imported only for a Word export

    word = docx.Document()
    word.core_properties.title = document.title
    word.add_heading(document.title, level=0)
    for block in document.blocks:
        _docx_block(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_block(word: object, block: Block) -> None:
    add_heading, add_paragraph = word.add_heading, word.add_paragraph  # type: ignore[attr-defined]
    if isinstance(block, Heading):
        add_heading(block.text, level=min(max(block.level - 1, 1), 9))
    elif isinstance(block, Paragraph):
        paragraph = add_paragraph()
        run = paragraph.add_run(block.text)
        run.italic = block.meta
    elif isinstance(block, Bullet):
        paragraph = add_paragraph(block.text, style="List Bullet")
        if block.tags:
            paragraph.add_run("  [" + " · ".join(block.tags) + "]").italic = True
    elif isinstance(block, Quote):
        text = block.text + (f"\n— {block.attribution}" if block.attribution else "")
        add_paragraph(text, style="Intense Quote")
    else:
        paragraph = add_paragraph(style="Quote" if isinstance(block, StudentText) else None)
        paragraph.add_run(f"{block.label}: ").bold = True
        body = plain_paragraphs(block.text) if isinstance(block, StudentText) else [block.text]
        paragraph.add_run("\n".join(body))


# -- PDF -----------------------------------------------------------------------------------------


def pdf_bytes(document: Document) -> bytes:
    from studyapp.export.qt_pdf import html_to_pdf  # Qt only for PDF

    return html_to_pdf(html(document), document.title)


def write(document: Document, fmt: str, path: Path) -> None:
    """Write `document` to `path` in `fmt` (md, pdf or docx), atomically."""
    if fmt == "md":
        write_text(path, markdown(document))
    elif fmt == "docx":
        write_bytes(path, docx_bytes(document))
    elif fmt == "pdf":
        write_bytes(path, pdf_bytes(document))
    else:
        raise ValueError(f"'{fmt}' is not an export format (md, pdf or docx)")
