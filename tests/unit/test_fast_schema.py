"""The fast schema check must say "valid" exactly when jsonschema does."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from studyapp import resources
from studyapp.packs.fast_schema import Unsupported, compile_schema
from studyapp.packs.loader import PackError, bundled_pack_path, load_pack

SCHEMA = json.loads(resources.data_file(resources.PACK_SCHEMA).read_text("utf-8"))
BUNDLED = json.loads(bundled_pack_path().read_text("utf-8"))


def _set(path, value):  # type: ignore[no-untyped-def]
    def change(pack):  # type: ignore[no-untyped-def]
        *parents, last = path
        target = pack
        for part in parents:
            target = target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value

    return change


MUTATIONS = {
    "valid as bundled": lambda pack: None,
    "title not text": _set(("events", 0, "title"), 5),
    "title empty": _set(("events", 0, "title"), ""),
    "title too long": _set(("events", 0, "title"), "x" * 501),
    "category unknown": _set(("events", 0, "category"), "sport"),
    "key with capitals": _set(("events", 0, "key"), "Munich"),
    "required missing": _set(("events", 0, "date"), KeyError),
    "unknown field": _set(("events", 0, "colour"), "red"),
    "key date not boolean": _set(("events", 0, "key_date"), 1),
    "format version true": _set(("format_version",), True),
    "format version 1.0": _set(("format_version",), 1.0),
    "pack not an object": _set(("pack",), []),
    "version not semantic": _set(("pack", "version"), "one"),
    "nested section item": _set(("note_sections", 0, "sections", 0, "items", 0, "kind"), "joke"),
    "too many evidence links": lambda pack: pack["factors"][0].__setitem__(
        "evidence", [{"type": "event", "key": "x"}] * 101),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_the_fast_check_agrees_with_jsonschema(name):
    pack = copy.deepcopy(BUNDLED)
    MUTATIONS[name](pack)
    expected = jsonschema.Draft202012Validator(SCHEMA).is_valid(pack)
    assert compile_schema(SCHEMA)(pack) is expected
    assert expected is (name == "valid as bundled" or name == "format version 1.0")


def test_a_keyword_it_does_not_know_is_refused_rather_than_ignored():
    with pytest.raises(Unsupported):
        compile_schema({"type": "object", "propertyNames": {"maxLength": 3}})


def test_a_schema_error_names_the_place_in_words_without_quoting_the_data(pack_file):
    long_title = "Munich " * 100
    with pytest.raises(PackError) as refused:
        load_pack(pack_file(lambda pack: pack["events"][3].update(title=long_title)))
    message = str(refused.value)
    assert "at $.events[3].title: is longer than 500 characters." in message
    assert "Munich" not in message and message.count("\n") == 0
