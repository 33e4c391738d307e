"""Read and validate a study-pack file before anything touches the database.

A pack is untrusted input: a teacher's file, a download, a damaged copy. We check its size
before parsing, refuse what `json` would otherwise accept (NaN, duplicate keys, lone
surrogates, absurd nesting), validate it against `data/pack.schema.json`, and then check what a
schema cannot: that keys are unique, that every reference points at a key that exists, and that
every date is a readable EDTF date. Every error names the file and the JSON path at fault.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from studyapp import resources
from studyapp.domain.dates import DateError, parse

MAX_PACK_BYTES = 20 * 1024 * 1024
MAX_ZIP_RATIO = 100


class PackError(ValueError):
    """A pack that cannot be imported; the message is one sentence naming file and place."""


def load_pack(path: Path) -> dict[str, Any]:
    """Return the validated pack held in `path` (a .json file, or a .zip holding one)."""
    raw = _read_bytes(path)
    pack = _parse_json(path, raw)
    _validate_schema(path, pack)
    _check_references(path, pack)
    return pack


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    if path.suffix.lower() == ".zip":
        return _read_zip(path)
    if size > MAX_PACK_BYTES:
        raise PackError(f"{path}: is {size // 1024 // 1024} MB, more than a pack can be (20 MB).")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PackError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc


def _read_zip(path: Path) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and info.filename.lower().endswith(".json")
            ]
            if len(members) != 1:
                raise PackError(f"{path}: a pack archive must hold exactly one .json file.")
            info = members[0]
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in Path(name).parts:
                raise PackError(f"{path}: the archive member '{name}' has an unsafe name.")
            if info.file_size > MAX_PACK_BYTES or (
                info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO
            ):
                raise PackError(f"{path}: '{name}' unpacks to more than a pack can be.")
            with archive.open(info) as member:
                data = member.read(MAX_PACK_BYTES + 1)
            if len(data) > MAX_PACK_BYTES:
                raise PackError(f"{path}: '{name}' unpacks to more than a pack can be.")
            return data
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackError(f"{path}: is not a readable zip archive ({exc}).") from exc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a pack")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key '{key}' appears twice in one object")
        result[key] = value
    return result


def _parse_json(path: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
        pack = json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates
        )
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: is not UTF-8 text ({exc.reason}).") from exc
    except json.JSONDecodeError as exc:
        raise PackError(
            f"{path}: is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from exc
    except RecursionError as exc:
        raise PackError(f"{path}: is nested too deeply to be a pack.") from exc
    except ValueError as exc:
        raise PackError(f"{path}: is not valid pack JSON ({exc}).") from exc
    try:
        # A lone surrogate ("\ud800") parses but cannot be stored or printed later.
        json.dumps(pack, ensure_ascii=False).encode("utf-8")
    except UnicodeError as exc:
        raise PackError(f"{path}: is not valid pack JSON (it holds a broken character).") from exc
    return pack


@cache
def _validator() -> Any:
    import jsonschema

    schema = json.loads(resources.data_file(resources.PACK_SCHEMA).read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _validate_schema(path: Path, pack: Any) -> None:
    errors = sorted(_validator().iter_errors(pack), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise PackError(f"{path}: at {first.json_path}: {_short(first.message)}{more}.")


def _short(message: str, limit: int = 160) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def iter_sections(sections: list[dict[str, Any]], path: str = "$.note_sections") -> Iterator[
    tuple[str, dict[str, Any], dict[str, Any] | None]
]:
    """Yield (json_path, section, parent) for every section of the tree, parents first."""
    stack: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = [
        (f"{path}[{i}]", section, None) for i, section in enumerate(sections)
    ]
    stack.reverse()
    while stack:
        where, section, parent = stack.pop()
        yield where, section, parent
        children = section.get("sections", [])
        for i in range(len(children) - 1, -1, -1):
            stack.append((f"{where}.sections[{i}]", children[i], section))


def _check_references(path: Path, pack: dict[str, Any]) -> None:
    seen: dict[str, str] = {}
    kinds: dict[str, set[str]] = {k: set() for k in ("period", "event", "note_item", "quote",
                                                     "historian", "section")}

    def claim(kind: str, key: str, where: str) -> None:
        name = f"{kind}:{key}"
        if name in seen:
            raise PackError(f"{path}: at {where}: the key '{key}' is already used at {seen[name]}.")
        seen[name] = where
        kinds.setdefault(kind, set()).add(key)

    for i, period in enumerate(pack["periods"]):
        claim("period", period["key"], f"$.periods[{i}]")
        _check_date(path, period["date"], f"$.periods[{i}].date")
    for i, quote in enumerate(pack["quotes"]):
        claim("quote", quote["key"], f"$.quotes[{i}]")
        if "date" in quote:
            _check_date(path, quote["date"], f"$.quotes[{i}].date")
    for i, historian in enumerate(pack["historians"]):
        claim("historian", historian["key"], f"$.historians[{i}]")
    for i, event in enumerate(pack["events"]):
        where = f"$.events[{i}]"
        claim("event", event["key"], where)
        _check_date(path, event["date"], f"{where}.date")
        _check_ref(path, kinds, "period", event.get("period"), f"{where}.period")
    for where, section, _parent in iter_sections(pack["note_sections"]):
        claim("section", section["key"], where)
        _check_ref(path, kinds, "period", section.get("period"), f"{where}.period")
        for j, item in enumerate(section["items"]):
            claim("note_item", item["key"], f"{where}.items[{j}]")
            _check_ref(path, kinds, "quote", item.get("quote"), f"{where}.items[{j}].quote")
            for k, event_key in enumerate(item.get("events", [])):
                _check_ref(path, kinds, "event", event_key, f"{where}.items[{j}].events[{k}]")
    for i, factor in enumerate(pack["factors"]):
        claim("factor", factor["key"], f"$.factors[{i}]")
        _check_evidence(path, kinds, factor.get("evidence", []), f"$.factors[{i}].evidence")
    for i, question in enumerate(pack["questions"]):
        claim("question", question["key"], f"$.questions[{i}]")
        for j, point in enumerate(question.get("points", [])):
            where = f"$.questions[{i}].points[{j}]"
            claim(f"point@{question['key']}", point["key"], where)
            _check_evidence(path, kinds, point.get("evidence", []), f"{where}.evidence")


def _check_date(path: Path, value: str, where: str) -> None:
    try:
        parse(value)
    except DateError as exc:
        raise PackError(f"{path}: at {where}: {str(exc).rstrip('.')}.") from exc


def _check_ref(
    path: Path, kinds: dict[str, set[str]], kind: str, key: str | None, where: str
) -> None:
    if key is not None and key not in kinds[kind]:
        label = kind.replace("_", " ")
        raise PackError(f"{path}: at {where}: there is no {label} with the key '{key}'.")


def _check_evidence(
    path: Path, kinds: dict[str, set[str]], evidence: list[dict[str, str]], where: str
) -> None:
    for i, link in enumerate(evidence):
        _check_ref(path, kinds, link["type"], link["key"], f"{where}[{i}].key")


def bundled_pack_path() -> Path:
    return resources.data_file(resources.BUNDLED_PACK)
