"""The one way to find the files in `data/` and `resources/`.

They live beside the package in a source checkout (and an editable install), in the bundle
folder of a PyInstaller build, and under `<prefix>/share/studyapp/` in an installed wheel.
"""

from __future__ import annotations

import sys
import sysconfig
from functools import cache
from pathlib import Path

BUNDLED_PACK = "packs/stalin-foreign-policy.json"
PACK_SCHEMA = "pack.schema.json"


def _candidates(folder: str) -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root))
    roots.append(Path(__file__).resolve().parent.parent)
    roots.append(Path(sysconfig.get_path("data")) / "share" / "studyapp")
    return [root / folder for root in roots]


@cache
def _root(folder: str) -> Path:
    for candidate in _candidates(folder):
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(c) for c in _candidates(folder))
    raise FileNotFoundError(f"StudyApp's {folder} folder is missing (looked in {searched}).")


def data_file(relative: str) -> Path:
    """A file under `data/`, e.g. `data_file(BUNDLED_PACK)`."""
    return _root("data") / relative


def resource_file(relative: str) -> Path:
    """A file under `resources/`, e.g. `resource_file("icons/studyapp.svg")`."""
    return _root("resources") / relative
