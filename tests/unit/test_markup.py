"""The student's text made safe for HTML."""

from __future__ import annotations

import html

import pytest

from studyapp.domain.markup import escape


@pytest.mark.parametrize("text", [
    "", "plain words", "<b>bold?</b> & 'quoted' \"twice\"", "&amp; already", "Молотов–Риббентроп ★",
    "a < b > c", "javascript:alert('x')", "\u0000\ufffd&#x27;",
])  # fmt: skip
def test_escape_gives_what_the_standard_library_gives(text):
    """`escape` avoids importing `html` before the first screen, and must not differ from it."""
    assert escape(text) == html.escape(text, quote=True)
