"""The wheel works without the source tree: built from the files pyproject.toml declares,
installed (not editable) into a fresh venv, `studyapp` starts on the bundled pack.

To stay quick and offline, the fresh venv borrows the test venv's already-installed
dependencies through a .pth line (a path line only: the test venv's own .pth files, including
the editable studyapp, are not processed), and the wheel is installed with --no-deps --no-index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from studyapp import __version__

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "studyapp", "data", "resources")


def run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=300,
        check=False, **kwargs,
    )  # fmt: skip
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources so the checkout gets no build/ or egg-info."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (REPO / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "screenshots")
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy2(REPO / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", out, source)
    (built,) = out.glob("studyapp-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("venv") / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", folder)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--no-index", wheel)  # fmt: skip
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(site.stdout.strip(), "_studyapp_test_deps.pth").write_text("\n".join(borrowed) + "\n")
    return folder


def test_the_wheel_carries_the_pack_the_schema_the_icons_and_the_desktop_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = f"studyapp-{__version__}.data/data/share/"
    for path in (
        "studyapp/data/packs/stalin-foreign-policy.json",
        "studyapp/data/pack.schema.json",
        "studyapp/resources/icons/studyapp.svg",
        "studyapp/resources/icons/studyapp-256.png",
        "studyapp/resources/icons/studyapp.ico",
        "studyapp/resources/icons/studyapp.icns",
        "studyapp/resources/studyapp.desktop",
        "studyapp/resources/theme/tokens.json",
        "studyapp/resources/theme/icons/add.svg",
        "applications/studyapp.desktop",
        "metainfo/org.studyapp.StudyApp.metainfo.xml",
        "icons/hicolor/scalable/apps/studyapp.svg",
    ):
        assert data + path in names
    assert "studyapp/db/migrations/versions/0001_baseline.py" in names


def test_the_installed_wheel_starts_on_the_bundled_pack(venv, tmp_path):
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = {**os.environ, "STUDYAPP_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    kwargs = {"env": env, "cwd": tmp_path}  # not the checkout: its studyapp/ must not be found

    assert run(bin_dir / "studyapp", "--version", **kwargs).stdout.strip() == (
        f"StudyApp {__version__}"
    )
    where = run(bin_dir / "python", "-c", "import studyapp, studyapp.resources as r; "
                "print(studyapp.__file__, r.data_file(r.BUNDLED_PACK), r.resource_file(r.APP_ICON),"
                " sep='\\n')", **kwargs).stdout.split("\n")  # fmt: skip
    for path in where[:3]:
        assert Path(path).resolve().is_relative_to(venv.resolve()), where
        assert Path(path).is_file()

    report = run(bin_dir / "studyapp", "--startup-report", **kwargs).stdout
    assert report.startswith("first_paint_ms=") and "data_ready_ms=" in report
    check = run(bin_dir / "studyapp", "check", **kwargs).stdout
    assert "is healthy" in check and "44 events" in check
