"""Quoting the student's words back to them: short, on one line, cut between words."""

from __future__ import annotations

from studyapp.domain.text import shorten


def test_shorten_cuts_at_a_word_boundary():
    text = 'Encourage the "world revolution" through the work of the Comintern (1919) by'
    expected = 'Encourage the "world revolution" through the work of the Comintern…'
    assert shorten(text, 70) == expected


def test_shorten_folds_white_space_and_keeps_short_text():
    assert shorten("  short \n  text ", 40) == "short text"


def test_shorten_never_exceeds_the_limit_even_without_spaces():
    assert len(shorten("x" * 100, 10)) == 10
