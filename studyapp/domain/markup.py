"""The student's Markdown (annotations, justifications) as safe HTML.

Raw HTML in the text is escaped, not passed through, and links keep their text only when their
target is one of ours: what a student types can never make the app fetch a file or a URL.
Images become their alt text for the same reason.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt  # imported on first use: not on the start-up path

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image"])  # ![alt](src) stays as plain text: nothing is ever loaded
    return parser


# Characters that can never start or mark up anything in CommonMark when the text is one line
# that begins with a letter: no emphasis, code, links, entities, escapes, HTML or line breaks.
_INERT = frozenset(" 0123456789,.;:?!'()/%‘’“”–—-")


def _is_plain(text: str) -> bool:
    """One line of prose that CommonMark leaves as it is (a paragraph of the same text)."""
    return (text[:1].isalpha() and text == text.rstrip()
            and all(c in _INERT or c.isalpha() for c in text))  # fmt: skip


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """Render `text` (CommonMark, no raw HTML, no images) to an HTML fragment.

    Cached by the text: a section is redrawn after every selection and edit, and only text
    that changed is rendered again. Plain prose (most notes) is wrapped as the parser would
    wrap it, without loading the parser (about 0.1 s the first time)."""
    if not text.strip():
        return ""
    if _is_plain(text):
        return f"<p>{text}</p>"
    rendered: str = _parser().render(text)
    return rendered.strip()


def plain_paragraphs(text: str) -> list[str]:
    """The text as paragraphs for formats without Markdown (Word): blank lines split them."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


# What `html.escape(text, quote=True)` replaces, without importing `html` (and its table of
# 2,000 entities) on the way to the first screen.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """`text` safe inside HTML, as text or in a quoted attribute."""
    return text.translate(_ESCAPES)
