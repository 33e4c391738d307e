"""Where a student's data goes: --data-dir, then STUDYAPP_HOME, then a portable bundle, then
the per-user folders."""

from __future__ import annotations

import sys
from pathlib import Path

import appdirs
import pytest

from studyapp import APP_AUTHOR, APP_NAME, paths


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen bundle unpacked to tmp_path/StudyApp, with no STUDYAPP_HOME set."""
    folder = tmp_path / "USB stick" / "StudyApp"
    folder.mkdir(parents=True)
    (folder / "studyapp").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "studyapp"))
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    return folder


def test_a_portable_marker_keeps_every_folder_beside_the_bundle(bundle):
    (bundle / "portable").write_text("", "utf-8")
    resolved = paths.resolve()
    home = bundle / "StudyApp-data"
    assert resolved.data == home and resolved.database == home / "studyapp.db"
    assert {resolved.config, resolved.cache, resolved.logs, resolved.backups} == {
        home / "config", home / "cache", home / "logs", home / "backups"
    }
    resolved.ensure()
    assert sorted(p.name for p in home.iterdir()) == ["cache", "config", "logs"]


def test_the_marker_may_carry_the_txt_that_windows_explorer_adds(bundle):
    (bundle / "portable.txt").write_text("", "utf-8")
    assert paths.resolve().data == bundle / "StudyApp-data"


def test_without_a_marker_a_bundle_uses_the_per_user_folders(bundle):
    (bundle / "portable-not").write_text("", "utf-8")
    (bundle / "portable").mkdir()  # a folder is not the marker file
    assert paths.resolve().data == Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def test_the_marker_means_nothing_when_running_from_python(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    (tmp_path / "portable").write_text("", "utf-8")
    assert paths.portable_home() is None
    assert paths.resolve().data == Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def test_studyapp_home_wins_over_the_marker(bundle, tmp_path, monkeypatch):
    (bundle / "portable").write_text("", "utf-8")
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "home"))
    assert paths.resolve().data == tmp_path / "home"


def test_data_dir_wins_over_studyapp_home_and_the_marker(bundle, tmp_path, monkeypatch):
    (bundle / "portable").write_text("", "utf-8")
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "home"))
    assert paths.resolve(tmp_path / "chosen").data == tmp_path / "chosen"


def test_on_macos_the_marker_sits_beside_the_app_not_inside_it(tmp_path, monkeypatch):
    macos = tmp_path / "StudyApp.app" / "Contents" / "MacOS"
    macos.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(macos / "studyapp"))
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    (tmp_path / "portable").write_text("", "utf-8")
    assert paths.resolve().data == tmp_path / "StudyApp-data"


def test_a_portable_bundle_stores_its_database_beside_itself(bundle):
    """The whole first run (migrations and the bundled pack) lands in StudyApp-data."""
    from studyapp.db.database import open_database

    (bundle / "portable").write_text("", "utf-8")
    database = open_database(paths.resolve())
    database.close()
    assert (bundle / "StudyApp-data" / "studyapp.db").stat().st_size > 0
