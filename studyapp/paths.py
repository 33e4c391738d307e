"""Every folder the app reads or writes, in one place.

The default is the per-user appdirs folders. `--data-dir DIR` (passed to `configure`) or the
`STUDYAPP_HOME` environment variable put everything under one folder instead, for portable
installs and for tests, so that nothing leaks into the real user profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from studyapp import APP_AUTHOR, APP_NAME

DB_FILENAME = "studyapp.db"
ENV_HOME = "STUDYAPP_HOME"


@dataclass(frozen=True)
class AppPaths:
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


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The folders to use: `data_dir`, else $STUDYAPP_HOME, else the appdirs defaults."""
    if data_dir:
        return _under(Path(data_dir))
    env_home = os.environ.get(ENV_HOME)
    if env_home:
        return _under(Path(env_home))
    import appdirs

    return AppPaths(
        data=Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(appdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        cache=Path(appdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(appdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )
