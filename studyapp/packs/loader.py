"""Read and validate a study-pack file before anything touches the database.

A pack is untrusted input: a teacher's file, a download, a damaged copy. We read only regular
files (a symlink is resolved first and its target checked: no devices, pipes or sockets), count
the size while reading rather than trusting `stat`, refuse what `json` would otherwise accept
(NaN, duplicate keys, lone surrogates, nesting deeper than a pack needs, control characters in
text), validate it against `data/pack.schema.json`, and then check what a schema cannot: that
keys are unique, that every reference points at a key that exists, and that every date is a
readable EDTF date. Every error names the file and the JSON path at fault.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from studyapp import resources
from studyapp.domain.dates import DateError, parse

MAX_PACK_BYTES = 20 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_DEPTH = 32  # the bundled pack is 9 deep; sections may nest, but not without end
_READ_CHUNK = 1024 * 1024
# C0 controls other than tab and newline, DEL, and C1 controls: invisible, and NUL breaks
# every exporter. Carriage returns are refused too: a pack's text uses "\n" alone.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
    real = _regular_file(path)
    if path.suffix.lower() == ".zip":
        return _read_zip(path, real)
    return read_regular_bytes(path, real)


def is_regular_file(path: Path) -> bool:
    """Whether `path` is (or links to) a regular file: no device, pipe, socket or folder."""
    try:
        _regular_file(path)
    except PackError:
        return False
    return True


def read_regular_bytes(path: Path, real: Path | None = None) -> bytes:
    """The bytes of an untrusted file: only a regular file, at most 20 MB counted while reading;
    anything else is a PackError sentence."""
    real = real or _regular_file(path)
    try:
        # O_NONBLOCK: should the file be swapped for a pipe after the check, open() still
        # returns at once, and the fstat below refuses it.
        handle = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(
            os, "O_BINARY", 0))  # fmt: skip
    except OSError as exc:
        raise PackError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise PackError(f"{path}: is not a regular file, so it cannot be a pack.")
        return _read_limited(path, stream)


def _regular_file(path: Path) -> Path:
    """`path` with symlinks resolved, when it is a regular file; else a PackError."""
    try:
        real = path.resolve(strict=True)
        mode = real.stat().st_mode
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        reason = getattr(exc, "strerror", None) or exc
        raise PackError(f"{path}: cannot be read ({reason}).") from exc
    if not stat.S_ISREG(mode):
        kind = ("a folder" if stat.S_ISDIR(mode) else "a device" if stat.S_ISCHR(mode)
                or stat.S_ISBLK(mode) else "a pipe" if stat.S_ISFIFO(mode)
                else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")  # fmt: skip
        raise PackError(f"{path}: is {kind}, not a file, so it cannot be a pack.")
    return real


def _read_limited(path: Path, stream: Any) -> bytes:
    """Read at most MAX_PACK_BYTES, counting as we go: the size `stat` gave may be a lie."""
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := stream.read(_READ_CHUNK):
            total += len(chunk)
            if total > MAX_PACK_BYTES:
                raise PackError(f"{path}: is more than 20 MB, more than a pack can be.")
            chunks.append(chunk)
    except OSError as exc:
        raise PackError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    return b"".join(chunks)


def _read_zip(path: Path, real: Path) -> bytes:
    try:
        with zipfile.ZipFile(real) as archive:
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
            if stat.S_ISLNK(info.external_attr >> 16):
                raise PackError(f"{path}: the archive member '{name}' is a link, not a file.")
            if info.file_size > MAX_PACK_BYTES or (
                info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO
            ):
                raise PackError(f"{path}: '{name}' unpacks to more than a pack can be.")
            with archive.open(info) as member:
                return _read_limited(path, member)
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
        # json's own messages may end in "at" ("Unterminated string starting at").
        message = exc.msg.removesuffix(" at")
        raise PackError(
            f"{path}: is not valid JSON ({message} at line {exc.lineno}, column {exc.colno})."
        ) from exc
    except RecursionError as exc:
        where = _too_deep_in_text(text)
        raise PackError(f"{path}: at {where}: is nested more than {MAX_DEPTH} deep, deeper "
                        "than a pack can be.") from exc  # fmt: skip
    except ValueError as exc:
        raise PackError(f"{path}: is not valid pack JSON ({exc}).") from exc
    _check_values(path, pack)
    return pack


def _check_values(path: Path, pack: Any) -> None:
    """Walk the parsed pack once, without recursion: depth, broken characters, control
    characters. Each refusal names the JSON path."""
    stack: list[tuple[Any, str, int]] = [(pack, "$", 1)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, dict | list) and depth > MAX_DEPTH:
            raise PackError(f"{path}: at {where}: is nested more than {MAX_DEPTH} deep, deeper "
                            "than a pack can be.")  # fmt: skip
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(path, key, where)
                stack.append((item, f"{where}.{key}", depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(path, value, where)


def _check_text(path: Path, value: str, where: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeError as exc:  # a lone surrogate ("\ud800") parses but cannot be stored
        raise PackError(f"{path}: at {where}: holds a broken character.") from exc
    control = _CONTROL.search(value)
    if control:
        raise PackError(f"{path}: at {where}: holds the control character "
                        f"U+{ord(control.group()):04X}, which a pack's text cannot contain.")


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]')


def _too_deep_in_text(text: str) -> str:
    """The JSON path where `text` first nests deeper than MAX_DEPTH (for text too deep for
    `json` itself to parse), found by a flat scan of its brackets, keys and commas."""
    frames: list[list[Any]] = []  # [kind, key or index, expecting a key]
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            if len(frames) >= MAX_DEPTH:
                return _path_of(frames)
            frames.append([token, 0 if token == "[" else "", token == "{"])
        elif token in "}]":
            if frames:
                frames.pop()
        elif token == ",":
            if frames and frames[-1][0] == "[":
                frames[-1][1] += 1
            elif frames:
                frames[-1][2] = True
        elif token == ":":
            if frames:
                frames[-1][2] = False
        elif frames and frames[-1][0] == "{" and frames[-1][2]:
            try:
                frames[-1][1] = json.loads(token)
            except ValueError:
                frames[-1][1] = token.strip('"')
    return _path_of(frames)


def _path_of(frames: list[list[Any]]) -> str:
    parts = ["$"]
    for kind, key, _expecting in frames:
        parts.append(f"[{key}]" if kind == "[" else f".{key}")
    return "".join(parts)


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
    for i, term in enumerate(pack.get("key_terms", [])):
        where = f"$.key_terms[{i}]"
        claim("key_term", term["key"], where)
        _check_ref(path, kinds, "section", term.get("section"), f"{where}.section")
        for k, event_key in enumerate(term.get("events", [])):
            _check_ref(path, kinds, "event", event_key, f"{where}.events[{k}]")
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
