"""Importing packs: complete, idempotent, respectful of the student's work, safe on bad input."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import pytest
from sqlalchemy import text

from studyapp.db.operations.arguments import delete_point
from studyapp.db.operations.base import perform
from studyapp.db.operations.events import EventFields, edit_event
from studyapp.db.operations.factors import move_factor, rate_factor
from studyapp.db.pack_import import import_pack_file
from studyapp.db.services import arguments, factors, notes, timeline
from studyapp.packs.loader import PackError, bundled_pack_path, load_pack
from tests.conftest import table_counts


def test_first_run_holds_the_whole_pack(session_factory, topic):
    assert topic.title == "Stalin's Foreign Policy, 1928–53"
    assert topic.page_refs == "pp. 128–135, 139–140"
    events = timeline.list_events(session_factory, topic.id)
    key_dates = timeline.list_events(session_factory, topic.id, key_dates_only=True)
    assert len(events) == 44 and len(key_dates) == 26
    assert [e.start for e in events] == sorted(e.start for e in events)
    questions = arguments.list_questions(session_factory, topic.id)
    assert [q.exam_source for q in questions] == ["Specimen", "Nov 2008", "May 2007"]
    specimen_points = arguments.list_points(session_factory, questions[0].id)
    assert sorted(p.side for p in specimen_points) == ["against"] * 3 + ["for"] * 2
    assert len(factors.list_factors(session_factory, topic.id)) == 8
    checks = [e for e in events if e.check_note]
    assert {e.key for e in checks} >= {"zinoviev-letter"} or len(checks) == 3
    with session_factory() as session:
        speakers = {row[0] for row in session.execute(text("SELECT speaker FROM quote"))}
    assert speakers == {"Stalin", "Soviet representative"}


def test_the_notes_tree_has_every_section(session_factory, topic):
    tree = notes.section_tree(session_factory, topic.id)
    titles = [s.title for s in tree]
    assert len(titles) == 4
    pre_war_children = [c.title for c in tree[0].children]
    assert len(pre_war_children) == 6
    assert any("Phase 1" in t for t in pre_war_children)
    aims = tree[0].children[0]
    texts = " ".join(i.text for i in notes.section_items(session_factory, aims.id))
    assert "fifty to a hundred years behind" in texts


def test_reimporting_the_same_pack_changes_nothing(database, tmp_path):
    before = table_counts(database)
    report = import_pack_file(database.session_factory, bundled_pack_path())
    assert sum(report.added.values()) == 0 and sum(report.updated.values()) == 0
    assert table_counts(database) == before


def test_a_newer_pack_updates_untouched_rows_and_keeps_the_students_edits(
    database, session_factory, topic, pack_file
):
    events = {e.key: e for e in timeline.list_events(session_factory, topic.id)}
    anschluss = events["anschluss"]
    fields = EventFields(**{f: getattr(anschluss, f) for f in EventFields.__dataclass_fields__})
    perform(session_factory, edit_event(anschluss.id, replace(fields, title="My Anschluss")))
    ranking = factors.list_factors(session_factory, topic.id)
    perform(session_factory, move_factor(ranking[-1].id, 0))
    perform(session_factory, rate_factor(ranking[0].id, 5))

    def revise(newer: dict) -> None:
        newer["pack"]["version"] = "1.1.0"
        for event in newer["events"]:
            if event["key"] in {"anschluss", "munich-conference"}:
                event["title"] += " (revised)"
        newer["events"].append({"key": "new-event", "title": "A new event", "date": "1937",
                                "date_label": "1937", "category": "germany"})  # fmt: skip

    report = import_pack_file(session_factory, pack_file(revise))

    after = {e.key: e for e in timeline.list_events(session_factory, topic.id)}
    assert after["anschluss"].title == "My Anschluss"
    assert after["munich-conference"].title.endswith("(revised)")
    assert "new-event" in after and len(after) == 45
    assert report.kept["event"] == 1 and report.added["event"] == 1
    assert factors.list_factors(session_factory, topic.id)[0].id == ranking[-1].id
    assert factors.list_factors(session_factory, topic.id)[1].importance == 5


def test_a_deleted_pack_row_stays_deleted_after_reimport(session_factory, topic):
    points = arguments.list_points(
        session_factory, arguments.list_questions(session_factory, topic.id)[0].id
    )
    perform(session_factory, delete_point(points[0].id))
    import_pack_file(session_factory, bundled_pack_path())
    after = arguments.list_points(session_factory, points[0].question_id)
    assert points[0].key not in {p.key for p in after}


def _drop_title(pack: dict) -> None:
    del pack["events"][3]["title"]


def _point_at_nothing(pack: dict) -> None:
    pack["questions"][0]["points"][0]["evidence"] = [{"type": "event", "key": "no-such"}]


def _reuse_a_key(pack: dict) -> None:
    pack["events"][1]["key"] = pack["events"][0]["key"]


BROKEN_PACKS = [
    ("$.events[3]", _drop_title),
    ("$.events[5].date", lambda pack: pack["events"][5].update(date="1922-14-40")),
    ("no event with the key 'no-such'", _point_at_nothing),
    ("already used", _reuse_a_key),
]


@pytest.mark.parametrize(("where", "change"), BROKEN_PACKS)
def test_a_broken_pack_names_the_place_and_changes_nothing(database, pack_file, where, change):
    before = table_counts(database)
    path = pack_file(change)
    with pytest.raises(PackError) as caught:
        import_pack_file(database.session_factory, path)
    assert str(path) in str(caught.value) and where in str(caught.value)
    assert table_counts(database) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "is not valid JSON"),
        (b'{"format_version": NaN}', "NaN is not allowed"),
        (b'{"a": 1, "a": 2}', "appears twice"),
        (b"\xff\xfe\x00junk", "is not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "at $[0][0]"),
        (b'{"format_version": 1, "pack": "\\ud800"}', "at $.pack: holds a broken character"),
        (b"[]", "at $"),
    ],
)
def test_hostile_json_gets_one_sentence(tmp_path, content, expected):
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_zipped_pack_imports_and_unsafe_archives_are_refused(tmp_path):
    good = tmp_path / "pack.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(bundled_pack_path(), "stalin.json")
    assert load_pack(good)["pack"]["id"] == "stalin-foreign-policy"

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.json", b" " * (30 * 1024 * 1024))
    with pytest.raises(PackError, match="more than a pack can be"):
        load_pack(bomb)

    not_zip = tmp_path / "fake.zip"
    not_zip.write_bytes(b"PK but not really")
    with pytest.raises(PackError, match="not a readable zip"):
        load_pack(not_zip)


def test_a_missing_file_is_one_sentence(tmp_path):
    with pytest.raises(PackError, match="cannot be read"):
        load_pack(tmp_path / "nowhere.json")


SLIPS = ("Comitern", "Facist", "nivasion", "Cirsis", "Remilitrization", "biffer", "realtions",
         "boarders", "thorugh", "whihc", "Presdent", "authoirty", "recieved", "substancial",
         "equippment", "owuld", "ultimtely", "timepreiod", "Germn", " abd ", "Thr ", " a s ",
         "uSSR", "Hitle ")  # fmt: skip


def test_no_spelling_slip_from_the_notes_reached_the_database(database):
    queries = [
        "SELECT title || ' ' || description || ' ' || coalesce(check_note, '') FROM event",
        "SELECT text FROM note_item", "SELECT title || ' ' || intro FROM note_section",
        "SELECT speaker || ' ' || text || ' ' || context FROM quote",
        "SELECT title || ' ' || explanation FROM factor", "SELECT text FROM question",
        "SELECT claim || ' ' || explanation || ' ' || counter FROM point",
        "SELECT title || ' ' || advice || ' ' || page_refs FROM topic",
    ]  # fmt: skip
    with database.engine.connect() as connection:
        corpus = " ".join(row[0] for q in queries for row in connection.execute(text(q)))
    assert len(corpus) > 10_000
    found = [slip for slip in SLIPS if slip in corpus]
    assert found == []
    for page_ref in ("pp. 128–131", "pp. 132–135", "pp. 139–140"):
        with database.engine.connect() as connection:
            hits = connection.execute(
                text("SELECT count(*) FROM note_section WHERE page_ref = :p"), {"p": page_ref}
            ).scalar()
        assert hits >= 1, page_ref
