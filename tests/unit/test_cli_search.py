"""`studyapp search`: one result per line, exit 0 even with nothing found, one-sentence errors."""

from __future__ import annotations

from studyapp.cli import main
from studyapp.db.database import open_database


def _first_run(app_paths) -> None:
    open_database(app_paths).close()


def test_search_prints_kind_date_title_and_snippet(app_paths, capsys):
    _first_run(app_paths)
    assert main(["search", "Rapalo"]) == 0
    lines = capsys.readouterr().out.splitlines()
    kind, date, title, snippet = lines[0].split("\t")
    assert (kind, date, title) == ("event", "1922", "Rapallo Treaty between Germany and Russia")
    assert "Treaty of Rapallo" in snippet
    assert all(len(line.split("\t")) == 4 for line in lines)


def test_no_results_is_not_an_error(app_paths, capsys):
    _first_run(app_paths)
    assert main(["search", "qqqzzz NEAR(\"", "--topic", "Stalin"]) == 0
    assert capsys.readouterr() == ("", "")


def test_an_unknown_topic_is_one_sentence(app_paths, capsys):
    _first_run(app_paths)
    assert main(["search", "pact", "--topic", "Tudors"]) == 1
    assert capsys.readouterr().err.startswith("studyapp: No topic matches 'Tudors' (")


def test_search_without_a_database_creates_nothing(app_paths, capsys):
    assert main(["search", "pact"]) == 1
    assert "There is no StudyApp database" in capsys.readouterr().err
    assert not app_paths.database.exists()


def test_rebuild_index(app_paths, capsys):
    _first_run(app_paths)
    assert main(["search", "--rebuild-index"]) == 0
    assert capsys.readouterr().out == "Search index rebuilt: 143 items.\n"
