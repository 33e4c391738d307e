"""The Linux desktop files pass the real validators, agree with each other and with the app,
and `make install-desktop`'s script installs (and removes) them for the current user."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from studyapp import __version__
from studyapp.resources import resource_file

REPO = Path(__file__).resolve().parents[2]
INSTALLER = REPO / "packaging" / "install_desktop.py"
DESKTOP = resource_file("studyapp.desktop")
METAINFO = resource_file("org.studyapp.StudyApp.metainfo.xml")


def validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is missing (Debian: apt-get install desktop-file-utils appstream)")
    return path


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=120, check=False
    )


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text("utf-8"))
    return parser["Desktop Entry"]


def test_the_desktop_entry_passes_desktop_file_validate():
    result = run(validator("desktop-file-validate"), DESKTOP)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_the_metainfo_passes_appstreamcli_validate():
    result = run(validator("appstreamcli"), "validate", "--no-net", METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_screenshots_listed_for_appstream_validate_and_exist(tmp_path):
    """AppStream wants web addresses, which the project has not got yet: the list the release
    step writes (packaging/metainfo_screenshots.py) must validate, and name real files."""
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        from metainfo_screenshots import CAPTIONS, with_screenshots
    finally:
        sys.path.remove(str(REPO / "packaging"))
    listed = with_screenshots(METAINFO.read_text("utf-8"), "https://example.org/shots/")
    assert with_screenshots(listed, "https://example.org/shots/") == listed  # replaced, not added
    copy = tmp_path / METAINFO.name
    copy.write_text(listed, "utf-8")
    result = run(validator("appstreamcli"), "validate", "--no-net", copy)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CAPTIONS:
        for theme in ("light", "dark"):
            assert (REPO / "resources" / "screenshots" / f"{name}-{theme}.png").is_file()


def test_the_desktop_entry_and_the_metainfo_describe_this_app():
    entry = desktop_entry(DESKTOP)
    assert resource_file(f"icons/{entry['Icon']}.svg").is_file()
    assert entry["Exec"] == "studyapp" and entry["Terminal"] == "false"
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("icon") == entry["Icon"]
    assert METAINFO.name == f"{component.findtext('id')}.metainfo.xml"
    newest = component.find("releases/release")
    assert newest is not None and newest.get("version") == __version__, (
        "add release notes for this version to the metainfo file"
    )


def test_install_desktop_writes_a_valid_entry_and_every_icon(tmp_path):
    data_home = tmp_path / "share"
    launcher = tmp_path / "My Apps" / "StudyApp" / "studyapp"  # a space must be quoted
    result = run(sys.executable, INSTALLER, "--data-home", data_home, "--exec", launcher)
    assert result.returncode == 0, result.stderr
    installed = data_home / "applications" / "studyapp.desktop"
    assert desktop_entry(installed)["Exec"] == f'"{launcher}"'
    assert run(validator("desktop-file-validate"), installed).stdout == ""
    assert (data_home / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    hicolor = data_home / "icons" / "hicolor"
    assert (hicolor / "scalable" / "apps" / "studyapp.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = (hicolor / f"{size}x{size}" / "apps" / "studyapp.png").read_bytes()
        assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == size

    result = run(sys.executable, INSTALLER, "--data-home", data_home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not installed.exists() and not (hicolor / "scalable" / "apps" / "studyapp.svg").exists()
