"""The student's Markdown (annotations, justifications) as safe HTML.

Raw HTML in the text is escaped, not passed through, and links keep their text only when their
target is one of ours: what a student types can never make the app fetch a file or a URL.
Images become their alt text for the same reason.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt  # imported on first use: not on the start-up path

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image"])  # ![alt](src) stays as plain text: nothing is ever loaded
    return parser


def markdown_html(text: str) -> str:
    """Render `text` (CommonMark, no raw HTML, no images) to an HTML fragment."""
    if not text.strip():
        return ""
    rendered: str = _parser().render(text)
    return rendered.strip()


def plain_paragraphs(text: str) -> list[str]:
    """The text as paragraphs for formats without Markdown (Word): blank lines split them."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def escape(text: str) -> str:
    return html.escape(text, quote=True)
