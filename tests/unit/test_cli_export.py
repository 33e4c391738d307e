"""`studyapp export pack`: a file another StudyApp imports, or one sentence and no file."""

from __future__ import annotations

from studyapp.cli import main
from studyapp.packs.loader import load_pack


def test_export_pack_writes_a_valid_pack(database, tmp_path, capsys):
    database.close()
    out = tmp_path / "stalin.json"
    assert main(["export", "pack", "--output", str(out)]) == 0
    assert "Wrote 'Stalin's Foreign Policy, 1928–53'" in capsys.readouterr().out
    pack = load_pack(out)
    assert len(pack["events"]) == 44 and pack["pack"]["id"] == "stalin-foreign-policy"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_export_pack_refusals_write_nothing(database, tmp_path, capsys):
    database.close()
    out = tmp_path / "pack.json"
    assert main(["export", "pack", "--topic", "Tudors", "--output", str(out)]) == 1
    assert "No topic matches 'Tudors'" in capsys.readouterr().err
    missing_folder = tmp_path / "nowhere" / "pack.json"
    assert main(["export", "pack", "--output", str(missing_folder)]) == 1
    assert capsys.readouterr().err.strip().endswith("does not exist.")
    assert not out.exists() and not missing_folder.parent.exists()


def test_export_pack_with_no_database_creates_none(app_paths, tmp_path, capsys):
    assert main(["export", "pack", "--output", str(tmp_path / "p.json")]) == 1
    assert "There is no StudyApp database" in capsys.readouterr().err
    assert not app_paths.database.exists() and not (tmp_path / "p.json").exists()
