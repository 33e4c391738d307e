"""Read an essay plan's Markdown back into blocks, and write those blocks as HTML.

The plan is edited as Markdown (what `essay.build_plan` writes, plus whatever the student types),
and every export format is made from that one text: HTML and PDF from `to_html`, Word from the
blocks. Only the Markdown a plan uses is understood — headings, bullets, paragraphs, **bold**
and *italic*; anything else is kept as plain text, never dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "bullet" or "paragraph"
    text: str  # the Markdown of the line, markers removed
    level: int = 0  # heading level (1, 2, 3…) or bullet depth (0, 1…)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def blocks(markdown: str) -> list[Block]:
    """Headings, bullets and paragraphs; consecutive plain lines join into one paragraph."""
    result: list[Block] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            result.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        bullet = re.match(r"^(\s*)[-*+]\s+(.*)$", line)
        if heading or bullet or not line.strip():
            close()
        if heading:
            result.append(Block("heading", heading.group(2).strip(), len(heading.group(1))))
        elif bullet:
            result.append(Block("bullet", bullet.group(2).strip(), len(bullet.group(1)) // 2))
        elif line.strip():
            paragraph.append(line.strip())
    close()
    return result


def runs(text: str) -> list[Run]:
    """The text cut into plain, bold and italic runs."""
    result: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            result.append(Run(text[position : match.start()]))
        if match.group(1) is not None:
            result.append(Run(match.group(1), bold=True))
        else:
            result.append(Run(match.group(2), italic=True))
        position = match.end()
    if position < len(text):
        result.append(Run(text[position:]))
    return result


def _inline_html(text: str) -> str:
    parts = []
    for run in runs(text):
        escaped = html.escape(run.text)
        parts.append(f"<b>{escaped}</b>" if run.bold else f"<i>{escaped}</i>" if run.italic
                     else escaped)  # fmt: skip
    return "".join(parts)


def title_of(markdown: str) -> str:
    """The first heading's plain text ("Essay plan: …"), for a document title."""
    first = next((b for b in blocks(markdown) if b.kind == "heading"), None)
    return "".join(run.text for run in runs(first.text)) if first else "Essay plan"


def to_html(markdown: str) -> str:
    """A whole HTML document (UTF-8) for the plan."""
    body: list[str] = []
    in_list = False
    for block in blocks(markdown):
        if block.kind == "bullet" and not in_list:
            body.append("<ul>")
            in_list = True
        elif block.kind != "bullet" and in_list:
            body.append("</ul>")
            in_list = False
        inner = _inline_html(block.text)
        if block.kind == "heading":
            level = min(block.level, 6)
            body.append(f"<h{level}>{inner}</h{level}>")
        elif block.kind == "bullet":
            body.append(f"<li>{inner}</li>")
        else:
            body.append(f"<p>{inner}</p>")
    if in_list:
        body.append("</ul>")
    title = html.escape(title_of(markdown))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title></head>\n<body>\n" + "\n".join(body)
            + "\n</body></html>\n")  # fmt: skip
