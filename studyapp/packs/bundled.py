"""Which study pack ships with the app, and whether a student's copy of it is out of date.

A new release can bring a newer bundled pack (more events, key terms…). A student who already
has the topic gets it when the app next opens: the import adds and updates only what they
never edited or deleted, as any re-import does (db/pack_import.py). The check runs on every
start, so the bundled pack's identity is read from the head of its file (microseconds) rather
than by parsing all of it (about 5 ms); a test checks the two agree.
"""

from __future__ import annotations

import json
import re
from functools import cache

from studyapp import resources

_IDENTITY = re.compile(
    rb'"pack"\s*:\s*\{\s*"id"\s*:\s*"(?P<id>[^"\\]+)"\s*,\s*"version"\s*:\s*"(?P<version>[^"\\]+)"'
)
_HEAD_BYTES = 2048


@cache
def bundled_identity() -> tuple[str, str]:
    """(pack id, version) of the bundled pack."""
    path = resources.data_file(resources.BUNDLED_PACK)
    with path.open("rb") as file:
        found = _IDENTITY.search(file.read(_HEAD_BYTES))
    if found is not None:
        return found["id"].decode("utf-8"), found["version"].decode("utf-8")
    meta = json.loads(path.read_bytes())["pack"]  # laid out otherwise: read it all
    return str(meta["id"]), str(meta["version"])


def is_newer(candidate: str, installed: str) -> bool:
    """Whether version `candidate` comes after `installed` ("1.10.0" after "1.9.2"); versions
    that are not dotted numbers are never taken as newer, so nothing is imported by mistake."""
    try:
        return _parts(candidate) > _parts(installed)
    except ValueError:
        return False


def _parts(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.strip().split("."))
