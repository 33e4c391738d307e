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


def split_quote(text: str) -> tuple[str, str]:
    """'"Words." – Stalin' → ('"Words."', '– Stalin'); the whole text when it is not quoted."""
    stripped = text.strip()
    end = stripped.rfind('"')
    if stripped.startswith('"') and end > 0:
        return stripped[: end + 1], stripped[end + 1 :].strip()
    return stripped, ""
