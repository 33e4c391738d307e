"""0006_arguments upgrades a 0001 file that holds the student's argument tables, keeping every
row, and its CHECKs accept what the argument builder writes and refuse the rest."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.config import Config

from studyapp.db import migrate
from studyapp.db.engine import make_engine

ROWS = [
    "INSERT INTO topic (id, pack_id, version, title, exam, paper, period_label, source_note,"
    " page_refs, advice, imported_at)"
    " VALUES (1, 'p', '1', 'T', '', '', '', '', '', '', '2026-01-01')",
    "INSERT INTO question (id, topic_id, text, exam_source, paper, command_term, position, key,"
    " source, user_modified) VALUES (1, 1, 'To what extent?', 'Mine', '', 'To what extent', 0,"
    " 'q', 'user', 0)",
    "INSERT INTO point (id, question_id, side, claim, explanation, weight, counter, position, key,"
    " source, user_modified) VALUES (1, 1, 'for', 'My claim', 'Because', 4, 'But', 0, 'p1',"
    " 'user', 0)",
    "INSERT INTO factor (id, topic_id, title, explanation, category, rank, key, source,"
    " user_modified, justification) VALUES (1, 1, 'Winter', '', 'economy', 0, 'f', 'pack', 0, '')",
    "INSERT INTO historian (id, topic_id, name, work, school, stance, key, source, user_modified)"
    " VALUES (1, 1, 'Gaddis', '', '', '', 'h', 'pack', 0)",
    "INSERT INTO evidence (id, point_id, historian_id, comment, position) VALUES (1, 1, 1, '', 0)",
]


def _config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _run(path, step, revision) -> None:
    engine = make_engine(path)
    with engine.begin() as connection:
        step(_config(connection), revision)
    engine.dispose()


def test_upgrading_from_0001_keeps_the_students_table(tmp_path):
    path = tmp_path / "old.db"
    _run(path, command.upgrade, "0001")
    with sqlite3.connect(path) as db:
        for row in ROWS:
            db.execute(row)
    db.close()
    _run(path, command.upgrade, "0006_arguments")
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys=ON")
    assert db.execute("SELECT claim, weight, counter, rebuttal FROM point").fetchall() == [
        ("My claim", 4, "But", "")]  # fmt: skip
    assert db.execute("SELECT table_type FROM question").fetchall() == [("",)]
    assert db.execute("SELECT point_id, historian_id FROM evidence").fetchall() == [(1, 1)]
    with db:  # what the new builder writes is accepted
        db.execute("INSERT INTO point (question_id, side, claim, explanation, weight, counter,"
                   " position, key, source, user_modified, rebuttal) VALUES (1, 'factor', 'F',"
                   " '', 3, '', 1, 'p2', 'user', 0, 'R')")  # fmt: skip
        db.execute("INSERT INTO evidence (point_id, cited_factor_id, comment, position)"
                   " VALUES (1, 1, '', 1)")  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError):  # the CHECKs survived the rebuild
        db.execute("UPDATE point SET side = 'sideways' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO evidence (point_id, cited_factor_id, historian_id, comment,"
                   " position) VALUES (1, 1, 1, '', 2)")  # fmt: skip
    db.close()
    _run(path, command.downgrade, "0001")  # and back: the new rows go, the old ones stay
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT claim FROM point").fetchall() == [("My claim",)]
        assert db.execute("SELECT count(*) FROM evidence").fetchone() == (1,)
    db.close()
