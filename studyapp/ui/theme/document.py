"""The stylesheet of the rich-text panes (notes, event detail, search results, plan preview).

Their HTML names what each piece is (`class="chip"`, `class="callout-check"`…) and never a
colour; this sheet, set as the document's default stylesheet before the HTML, gives the
current theme's colours. A pane re-renders its HTML on a theme switch (`on_restyle`).
"""

from __future__ import annotations

from functools import cache

from studyapp.ui.theme.current import theme_name
from studyapp.ui.theme.design_tokens import load_tokens


def document_css() -> str:
    """The current theme's sheet (made once per theme: delegates ask for it on every paint)."""
    return _css(theme_name())


@cache
def _css(name: str) -> str:
    c = load_tokens(name).colours
    return f"""
.meta, .muted {{ color: {c["text_muted"]}; }}
.pill {{ background-color: {c["chip"]}; color: {c["chip_text"]}; }}
.warning {{ color: {c["warning"]}; }}
.tag {{ background-color: {c["chip"]}; color: {c["chip_text"]}; font-size: small; }}
a.chip {{ background-color: {c["chip"]}; color: {c["chip_text"]}; font-size: small;
    text-decoration: none; }}
a.term {{ color: {c["text"]}; text-decoration: none; }}
.mark {{ color: {c["warning"]}; font-size: small; }}
.learnt {{ color: {c["success"]}; font-weight: bold; }}
.star {{ color: {c["star"]}; }}
.question {{ color: {c["question_text"]}; }}
.marker {{ background-color: {c["marker"]}; color: {c["marker_text"]}; }}
.hit {{ background-color: {c["hit"]}; color: {c["hit_text"]}; font-weight: 600; }}
.selected {{ background-color: {c["selection"]}; color: {c["selection_text"]}; }}
table.check {{ background-color: {c["info"]}; color: {c["info_text"]}; }}
table.note {{ background-color: {c["note"]}; color: {c["note_text"]}; }}
table.caution {{ background-color: {c["caution"]}; color: {c["caution_text"]};
    border-color: {c["caution_border"]}; border-style: solid; }}
td.quote {{ background-color: {c["quote"]}; color: {c["quote_text"]}; }}
td.quote-selected {{ background-color: {c["selection"]}; color: {c["quote_text"]}; }}
td.quote-bar {{ background-color: {c["quote_bar"]}; }}
"""
