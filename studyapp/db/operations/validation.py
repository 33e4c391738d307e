"""One validator per entity: the rules a student's values must follow, written once.

Each takes the fields an operation wants to write (any subset) and returns them checked and
tidied (whitespace trimmed, empty optional text as None), or raises `StudentError` with one
sentence. Adding a row and editing it run the same validator, and the forms show its sentence,
so no rule is repeated in a dialog. The CHECK constraints in the schema are the last line
behind these, never the message a student reads.
"""

from __future__ import annotations

from typing import Any

from studyapp.db.services.factors import FACTOR_CATEGORIES
from studyapp.db.services.timeline import CATEGORIES
from studyapp.domain.dates import parse
from studyapp.domain.errors import StudentError

SIDES = ("for", "against", "similarity", "difference", "factor")
MAX_TITLE = 500
MAX_QUESTION = 2000
MAX_TEXT = 20_000


def _text(values: dict[str, Any], name: str, what: str, *, required: str = "",
          limit: int = MAX_TEXT) -> None:  # fmt: skip
    """Trim one text field in place; refuse it empty (when `required`) or too long."""
    if name not in values:
        return
    value = values[name]
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise StudentError(f"The {what} must be text.")
    value = value.strip()
    if required and not value:
        raise StudentError(required)
    if len(value) > limit:
        raise StudentError(f"The {what} can be at most {limit:,} characters long.")
    values[name] = value


def _optional(values: dict[str, Any], *names: str) -> None:
    """Optional text: trimmed, and None when empty."""
    for name in names:
        if name in values:
            _text(values, name, name.replace("_", " "))
            values[name] = values[name] or None


def _rating(value: Any, what: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise StudentError(f"{what} is rated from 1 to 5.")
    return value


def _flag(values: dict[str, Any], name: str) -> None:
    if name in values and not isinstance(values[name], bool):
        raise StudentError(f"'{values[name]}' is not yes or no.")


def validate_topic(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "title", "title", required="A topic needs a title.", limit=MAX_TITLE)
    for name, what in (("period_label", "period"), ("exam", "exam or course"), ("paper", "paper")):
        _text(values, name, what, limit=200)
    _text(values, "factors_question", "factors question", limit=MAX_TITLE)
    return values


def validate_event(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "title", "title", required="An event needs a title.", limit=MAX_TITLE)
    _text(values, "description", "description")
    _text(values, "date_label", "date as written", limit=200)
    _optional(values, "old_style", "page_ref", "check_note")
    _flag(values, "key_date")
    if "category" in values and values["category"] not in CATEGORIES:
        raise StudentError(f"'{values['category']}' is not a timeline category.")
    if "edtf" in values:
        date = parse(values["edtf"])  # DateError is a StudentError with the sentence
        values |= {"edtf": date.edtf, "start": date.start_iso, "end": date.end_iso,
                   "precision": date.precision.value}  # fmt: skip
        if not values.get("date_label", True):
            values["date_label"] = date.edtf
    return values


def validate_note_item(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "text", "note", required="A note needs some text; write what it should say.")
    _text(values, "annotation", "note on it")
    _flag(values, "learnt")
    _flag(values, "highlighted")
    return values


def validate_factor(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "title", "title", required="A factor needs a title.", limit=MAX_TITLE)
    _text(values, "explanation", "explanation")
    _text(values, "justification", "justification")
    if "importance" in values:
        values["importance"] = _rating(values["importance"], "Importance", optional=True)
    return values


def validate_question(values: dict[str, Any]) -> dict[str, Any]:
    if isinstance(values.get("text"), str):
        values["text"] = " ".join(values["text"].split())
    _text(values, "text", "question", limit=MAX_QUESTION,
          required="Write the question first: an empty question cannot be saved.")
    _text(values, "command_term", "command term", limit=200)
    return values


def validate_point(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "claim", "claim", limit=MAX_TITLE,
          required="Write the claim first: a point needs a claim.")
    _text(values, "explanation", "explanation")
    _text(values, "counter", "counter-argument")
    _text(values, "rebuttal", "rebuttal")
    if "side" in values and values["side"] not in SIDES:
        raise StudentError(f"'{values['side']}' is not a side of an argument table.")
    if "weight" in values:
        values["weight"] = _rating(values["weight"], "A point's weight")
    return values


def validate_judgement(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "thesis", "thesis")
    _text(values, "conclusion", "conclusion")
    return values


# -- Issue 7: phase-note sections and factor comparisons ------------------------------------

CONFIDENCE_LEVELS = ("not-yet", "shaky", "secure")


def validate_note_section(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "title", "heading", required="A section needs a heading.", limit=MAX_TITLE)
    _text(values, "intro", "introduction")
    if "confidence" in values and values["confidence"] not in CONFIDENCE_LEVELS:
        raise StudentError(f"'{values['confidence']}' is not not yet, shaky or secure.")
    return values


def validate_comparison(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "reason", "reason",
          required="Write why one factor mattered more than the other.")  # fmt: skip
    if "stronger_id" in values and values["stronger_id"] == values.get("weaker_id"):
        raise StudentError("Pick two different factors to compare.")
    return values


# -- argument builder (issue #8) -----------------------------------------------------------------

TABLE_TYPES = ("", "sides", "compare", "factors")
SCHOOLS = ("traditionalist", "revisionist", "post-revisionist")


def validate_table_type(value: Any) -> str:
    if value not in TABLE_TYPES:
        raise StudentError(f"'{value}' is not a way to lay out an argument table.")
    return str(value)


def validate_historian(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "name", "name", required="A historian needs a name.", limit=MAX_TITLE)
    _text(values, "work", "work", limit=MAX_TITLE)
    _text(values, "stance", "stance")
    if "school" in values:
        _text(values, "school", "school", limit=MAX_TITLE)
        values["school"] = values["school"].lower()
        if values["school"] and values["school"] not in SCHOOLS:
            raise StudentError("The school is traditionalist, revisionist or post-revisionist "
                               "(or leave it empty).")  # fmt: skip
    return values


# -- issue 13: periods, quotes and factors made in the app ----------------------------------------


def validate_period(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "title", "title", required="A period needs a title.", limit=MAX_TITLE)
    _text(values, "summary", "summary")
    if "edtf" in values:
        if not values["edtf"]:
            raise StudentError("Type the years the period covers, e.g. 1932-37.")
        date = parse(values["edtf"])  # DateError is a StudentError with the sentence
        values |= {"edtf": date.edtf, "start": date.start_iso, "end": date.end_iso}
    return values


def validate_quote(values: dict[str, Any]) -> dict[str, Any]:
    _text(values, "speaker", "speaker", required="Say who said it: a quote needs a speaker.",
          limit=MAX_TITLE)  # fmt: skip
    _text(values, "text", "quote", required="Write the words of the quote.")
    _text(values, "context", "occasion")
    if "edtf" in values:
        values["edtf"] = parse(values["edtf"]).edtf if values["edtf"] else None
    return values


def validate_factor_content(values: dict[str, Any]) -> dict[str, Any]:
    """A factor's own fields (title, explanation, category), as well as the ranking's."""
    values = validate_factor(values)
    if "category" in values and values["category"] not in FACTOR_CATEGORIES:
        raise StudentError(f"'{values['category']}' is not a kind of factor.")
    return values


MAX_TERM = 200
MAX_MEANING = 2000


def validate_key_term(values: dict[str, Any]) -> dict[str, Any]:
    """A key term: the term and its meaning, both required; the section it belongs to, if any."""
    _text(values, "term", "term", required="A key term needs the term itself.", limit=MAX_TERM)
    _text(values, "meaning", "meaning", required="A key term needs its meaning.",
          limit=MAX_MEANING)  # fmt: skip
    section = values.get("section_id")
    if section is not None and (isinstance(section, bool) or not isinstance(section, int)):
        raise StudentError("Choose one of the sections of your notes.")
    return values
