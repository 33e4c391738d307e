"""The one way to find the files in `data/` and `resources/`.

They live beside the package in a source checkout (and an editable install), in the bundle
folder of a PyInstaller build (`sys._MEIPASS`), and under `<scheme data>/share/studyapp/` in an
installed wheel (the wheel carries them as data files, so the source tree keeps its top-level
`data/` and `resources/` folders). Each place is recognised by a file it must hold, so a stray
`data/` folder in site-packages is never mistaken for ours.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

BUNDLED_PACK = "packs/stalin-foreign-policy.json"
PACK_SCHEMA = "pack.schema.json"
APP_ICON = "icons/studyapp.svg"
SHARE = ("share", "studyapp")  # where a wheel's data files land, under the install scheme

_MARKERS = {"data": PACK_SCHEMA, "resources": APP_ICON}


def _candidates(folder: str) -> Iterator[Path]:
    """Where the folder may be, most specific first; lazily, as a checkout needs only one."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        yield Path(frozen_root) / folder
    yield Path(__file__).resolve().parent.parent / folder
    import sysconfig

    schemes = [sysconfig.get_default_scheme()]  # this interpreter's, then pip's `--user` one
    user = sysconfig.get_preferred_scheme("user")
    if user in sysconfig.get_scheme_names() and user not in schemes:
        schemes.append(user)
    for scheme in schemes:
        yield Path(sysconfig.get_path("data", scheme)).joinpath(*SHARE, folder)


def _installed_root(folder: str) -> Path | None:
    """Last resort: ask the installed distribution's RECORD where its data files went."""
    from importlib import metadata

    try:
        files = metadata.distribution("studyapp").files or []
    except metadata.PackageNotFoundError:
        return None
    wanted = "/".join((*SHARE, folder, _MARKERS[folder]))
    for file in files:
        if file.as_posix().endswith(wanted):
            marker = Path(str(file.locate())).resolve()
            return marker.parents[len(Path(_MARKERS[folder]).parts) - 1]
    return None


@cache
def _root(folder: str) -> Path:
    for candidate in _candidates(folder):
        if (candidate / _MARKERS[folder]).is_file():
            return candidate
    installed = _installed_root(folder)
    if installed is not None and (installed / _MARKERS[folder]).is_file():
        return installed
    searched = ", ".join(str(c) for c in _candidates(folder))
    raise FileNotFoundError(f"StudyApp's {folder} folder is missing (looked in {searched}).")


def data_file(relative: str) -> Path:
    """A file under `data/`, e.g. `data_file(BUNDLED_PACK)`."""
    return _root("data") / relative


def resource_file(relative: str) -> Path:
    """A file under `resources/`, e.g. `resource_file(APP_ICON)`."""
    return _root("resources") / relative
