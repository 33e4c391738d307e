"""open_database says which slow step it starts, so the window can show it."""

from __future__ import annotations

from studyapp.db.database import open_database


def test_a_first_run_names_its_steps_and_an_ordinary_open_none(app_paths):
    stages: list[str] = []
    open_database(app_paths, progress=stages.append).close()
    assert stages == ["Creating your notes file…",
                      "Adding the bundled study pack to your new notes…"]  # fmt: skip
    stages.clear()
    open_database(app_paths, progress=stages.append).close()
    assert stages == []
