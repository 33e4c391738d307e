"""A newer bundled pack reaches a student who already has the topic: on the next open, after a
backup, with their own edits kept; an up-to-date copy is left alone."""

from __future__ import annotations

import json
import shutil

import pytest

from studyapp import resources
from studyapp.db.backup import list_backups
from studyapp.db.database import open_database
from studyapp.db.first_screen import read_first_screen
from studyapp.db.operations import key_terms as term_ops
from studyapp.db.operations.base import perform
from studyapp.db.services.key_terms import list_key_terms
from studyapp.db.services.topic import current_topic
from studyapp.packs.bundled import bundled_identity, is_newer


def test_the_bundled_identity_read_from_the_head_agrees_with_the_whole_file():
    meta = json.loads(resources.data_file(resources.BUNDLED_PACK).read_text("utf-8"))["pack"]
    assert bundled_identity() == (meta["id"], meta["version"])


@pytest.mark.parametrize(("candidate", "installed", "newer"), [
    ("1.1.0", "1.0.0", True), ("1.10.0", "1.9.2", True), ("2", "1.9.9", True),
    ("1.0.0", "1.0.0", False), ("1.0.0", "1.1.0", False), ("1.0", "1.0.0", False),
    ("beta", "1.0.0", False), ("1.1.0", "local", False),
])  # fmt: skip
def test_versions_compare_as_numbers_and_anything_else_is_never_newer(candidate, installed,
                                                                      newer):  # fmt: skip
    assert is_newer(candidate, installed) is newer


def _terms(database) -> dict[str, object]:
    topic = current_topic(database.session_factory)
    return {t.key: t for t in list_key_terms(database.session_factory, topic.id)}


def test_an_older_copy_of_the_bundled_topic_is_updated_and_keeps_the_students_edit(
    app_paths, first_run_template
):
    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    database = open_database(app_paths)
    all_terms = _terms(database)
    mine = all_terms["buffer-zone"]
    perform(database.session_factory,
            term_ops.edit_key_term(mine.id, mine.term, "Mine.", mine.section_id))  # fmt: skip
    # The file as the release before key terms left it: version 1.0.0, no other key terms.
    with database.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM key_term WHERE key != 'buffer-zone'")
        connection.exec_driver_sql("UPDATE topic SET version = '1.0.0'")
    database.close()
    assert read_first_screen(app_paths.database) is None  # the full open must run first

    database = open_database(app_paths)
    terms = _terms(database)
    assert current_topic(database.session_factory).version == bundled_identity()[1]
    assert set(terms) == set(all_terms)
    assert terms["buffer-zone"].meaning == "Mine."  # the student's edit is kept
    backups = list_backups(app_paths.backups)
    assert len(backups) == 1  # taken before the update
    database.close()

    assert read_first_screen(app_paths.database) is not None  # up to date: the quick path again
    open_database(app_paths).close()
    assert len(list_backups(app_paths.backups)) == 1  # nothing imported, nothing backed up
