"""Every folder the app reads or writes, in one place.

The default is the per-user appdirs folders. Three things put everything under one folder
instead, first match wins: `--data-dir DIR` (passed to `resolve`), the `STUDYAPP_HOME`
environment variable (tests, scripted installs), and a `portable` marker file beside the
executable of a frozen bundle (a USB stick or a school computer), which keeps the data in
`StudyApp-data` beside it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from studyapp import APP_AUTHOR, APP_NAME

DB_FILENAME = "studyapp.db"
ENV_HOME = "STUDYAPP_HOME"
PORTABLE_MARKERS = ("portable", "portable.txt")  # Windows Explorer hides the ".txt" it adds
PORTABLE_DATA = "StudyApp-data"


class AppPaths(NamedTuple):
    """The folders of one app instance; created on first use, never at import."""

    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    def ensure(self) -> AppPaths:
        for folder in (self.data, self.config, self.cache, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def _under(home: Path) -> AppPaths:
    home = home.expanduser().resolve()
    return AppPaths(data=home, config=home / "config", cache=home / "cache", logs=home / "logs")


def install_folder() -> Path | None:
    """The folder a frozen bundle was unpacked into, or None when running from Python.

    On macOS that is the folder holding `StudyApp.app`, not the `Contents/MacOS` inside it.
    """
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    if folder.name == "MacOS" and folder.parent.name == "Contents":
        app_bundle = folder.parent.parent
        if app_bundle.suffix == ".app":
            return app_bundle.parent
    return folder


def portable_home() -> Path | None:
    """`StudyApp-data` beside the bundle when a `portable` marker file sits there, else None."""
    folder = install_folder()
    if folder is None:
        return None
    if any((folder / marker).is_file() for marker in PORTABLE_MARKERS):
        return folder / PORTABLE_DATA
    return None


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The folders to use: `data_dir`, else $STUDYAPP_HOME, else a portable bundle's folder,
    else the appdirs defaults."""
    if data_dir:
        return _under(Path(data_dir))
    env_home = os.environ.get(ENV_HOME)
    if env_home:
        return _under(Path(env_home))
    portable = portable_home()
    if portable is not None:
        return _under(portable)
    import appdirs

    return AppPaths(
        data=Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(appdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        cache=Path(appdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(appdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )
