"""The command line: one sentence on errors, non-zero exit, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from studyapp import __version__
from studyapp.cli import main
from studyapp.packs.loader import bundled_pack_path


def run_cli(*args: str, home) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDYAPP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_version(tmp_path):
    result = run_cli("--version", home=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"StudyApp {__version__}"


def test_an_unknown_command_is_one_sentence_and_writes_nothing(tmp_path):
    result = run_cli("frobnicate", home=tmp_path / "home")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "studyapp: 'frobnicate' is not a StudyApp command (see studyapp --help)."
    )
    assert not (tmp_path / "home" / "studyapp.db").exists()


def test_import_then_check(app_paths, capsys):
    assert main(["import", str(bundled_pack_path())]) == 0
    assert "Imported 'Stalin's Foreign Policy, 1928–53'" in capsys.readouterr().out
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "is healthy" in out and "44 events" in out and "8 factors" in out


def test_check_without_a_database_says_so(app_paths, capsys):
    assert main(["check"]) == 1
    assert "There is no StudyApp database" in capsys.readouterr().err
    assert not app_paths.database.exists()


def test_check_reports_broken_links(app_paths, capsys):
    import sqlite3

    assert main(["import", str(bundled_pack_path())]) == 0
    with sqlite3.connect(app_paths.database) as connection:  # foreign keys off: raw tampering
        connection.execute("UPDATE point SET question_id = 999 WHERE id = 1")
    connection.close()
    capsys.readouterr()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "points at a missing question row" in err


def test_importing_a_broken_pack_changes_nothing(app_paths, pack_file, capsys):
    assert main(["import", str(bundled_pack_path())]) == 0
    before = app_paths.database.read_bytes()
    broken = pack_file(lambda pack: pack["events"][0].update(category="gossip"))
    capsys.readouterr()
    assert main(["import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"studyapp: {broken}: at $.events[0].category" in err and err.count("\n") == 1
    assert app_paths.database.read_bytes() == before


def test_a_broken_pack_on_a_fresh_machine_creates_no_database(app_paths, tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    assert main(["import", str(broken)]) == 1
    assert "is not valid JSON" in capsys.readouterr().err
    assert not app_paths.database.exists()


def test_a_newer_database_is_refused_by_every_command(app_paths, capsys):
    import sqlite3

    assert main(["import", str(bundled_pack_path())]) == 0
    with sqlite3.connect(app_paths.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffffffff'")
    connection.close()
    before = app_paths.database.read_bytes()
    capsys.readouterr()
    for command in (["check"], ["import", str(bundled_pack_path())]):
        assert main(command) == 1
        assert "newer version of StudyApp" in capsys.readouterr().err
    assert app_paths.database.read_bytes() == before


@pytest.mark.parametrize("flag", ["--data-dir"])
def test_data_dir_overrides_the_home(tmp_path, flag):
    target = tmp_path / "portable"
    result = run_cli(flag, str(target), "import", str(bundled_pack_path()), home=tmp_path / "x")
    assert result.returncode == 0, result.stderr
    assert (target / "studyapp.db").is_file()
    assert not (tmp_path / "x" / "studyapp.db").exists()


def test_startup_report_prints_timings_and_exits(tmp_path):
    for _start in ("first", "warm"):  # the warm start shows the rows before the ORM is open
        result = run_cli("--startup-report", home=tmp_path)
        assert result.returncode == 0, result.stderr
        line = result.stdout.strip().splitlines()[-1]
        fields = {key: int(value) for key, value in (part.split("=") for part in line.split())}
        assert set(fields) == {"first_paint_ms", "data_ready_ms", "edits_ready_ms"}
        assert 0 < fields["first_paint_ms"] <= fields["data_ready_ms"] <= fields["edits_ready_ms"]
        assert (tmp_path / "studyapp.db.clean").is_file()  # closed cleanly, fast exit or not


def test_closing_as_the_data_shows_exits_at_once_and_cleanly(tmp_path):
    """`--startup-report=data` quits as soon as the first tab shows its rows, while the ORM
    may still be loading: the process neither waits for that nor leaves the file unclean."""
    assert run_cli("--startup-report", home=tmp_path).returncode == 0  # the notes exist
    result = run_cli("--startup-report=data", home=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1  # reported once, even if the ORM opened before the quit
    fields = {key: int(value) for key, value in (part.split("=") for part in lines[0].split())}
    assert set(fields) == {"first_paint_ms", "data_ready_ms"}
    assert 0 < fields["first_paint_ms"] <= fields["data_ready_ms"]
    assert (tmp_path / "studyapp.db.clean").is_file()
    assert run_cli("check", home=tmp_path).returncode == 0


@pytest.mark.parametrize("argv", [[], ["--startup-report"], ["--startup-report=data"],
                                  ["--data-dir", "x"], ["--data-dir=x", "--startup-report"]])
def test_a_launch_that_opens_the_window_parses_as_with_every_command(argv):
    """Such a launch skips building the subcommands' parsers; its options mean the same."""
    from studyapp.cli import _opens_window, build_parser

    assert _opens_window(argv)
    assert build_parser(with_commands=False).parse_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [[], ["--startup-report"], ["--startup-report=data"],
                                  ["--startup-report=full", "--data-dir", "x y"],
                                  ["--data-dir=x=y"], ["--data-dir", "x", "--startup-report"]])
def test_a_window_launch_written_in_full_is_read_as_argparse_reads_it(argv):
    """Read without argparse (its first parse costs 6-8 ms before the first paint)."""
    from studyapp.cli import _window_launch, build_parser

    assert _window_launch(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["--startup-report=bogus"], ["--startup-report", "data"],
                                  ["--startup"], ["--data-dir"], ["--data-dir="],
                                  ["--data-dir", "-x"], ["--data-dir", "a", "--data-dir", "b"],
                                  ["--help"], ["--version"], ["check"], ["--", "x"]])
def test_anything_else_is_left_to_argparse(argv):
    """Abbreviations, mistakes and everything else: argparse answers them, as before."""
    from studyapp.cli import _window_launch

    assert _window_launch(argv) is None


@pytest.mark.parametrize("argv", [["--help"], ["bogus"], ["check"], ["--data-dir"],
                                  ["--startup-report", "import"], ["--data-dir", "x", "search"]])
def test_anything_else_gets_the_whole_command_line(argv):
    from studyapp.cli import _opens_window

    assert not _opens_window(argv)


def test_a_mistaken_command_is_still_named_as_one(tmp_path):
    result = run_cli("bogus", home=tmp_path)
    assert result.returncode == 2
    assert "'bogus' is not a StudyApp command" in result.stderr


def test_startup_report_on_a_damaged_database_is_one_sentence(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "studyapp.db").write_bytes(b"garbage" * 100)
    result = run_cli("--startup-report", home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("studyapp: ")
    assert "not a StudyApp database" in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_check_on_damaged_pages_is_one_sentence(app_paths, capsys):
    assert main(["import", str(bundled_pack_path())]) == 0
    with app_paths.database.open("r+b") as handle:  # a disk error scribbles over some pages
        handle.seek(4096 * 3)
        handle.write(bytes(range(256)) * 64)
    capsys.readouterr()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has problems" in err
