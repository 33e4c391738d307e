"""Small text helpers shared by every screen."""

from __future__ import annotations


def shorten(text: str, limit: int = 60) -> str:
    """The start of `text` on one line, cut at a word boundary with "…" when too long.

    Used wherever a student's own words are quoted back in a menu, dialog or status bar.
    """
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    if " " in cut[limit // 2 :]:  # a word boundary in the second half: cut there
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:(") + "…"
