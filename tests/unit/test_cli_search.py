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


def test_without_topic_every_topic_is_searched_and_each_line_names_its_topic(app_paths, capsys):
    from studyapp.db.operations.base import perform
    from studyapp.db.operations.events import EventFields, add_event
    from studyapp.db.operations.topics import TopicFields, create_topic

    database = open_database(app_paths)
    try:
        cuba = perform(database.session_factory, create_topic(TopicFields("Cuba 1962"))).value
        perform(database.session_factory,
                add_event(cuba.id, EventFields("Pact with Castro", "1962")))  # fmt: skip
    finally:
        database.close()
    assert main(["search", "pact"]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert all(len(fields) == 5 for fields in lines)
    topics = {fields[-1] for fields in lines}
    assert topics == {"Cuba 1962", "Stalin's Foreign Policy, 1928–53"}
    assert ["event", "1962", "Pact with Castro"] in [fields[:3] for fields in lines]
    assert main(["search", "pact", "--topic", "Stalin"]) == 0  # one topic: no topic column
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert lines and all(len(fields) == 4 for fields in lines)
    assert "Pact with Castro" not in [fields[2] for fields in lines]
