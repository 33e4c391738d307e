"""The Anki deck and the CSV of the student's own cards: written atomically, and imported
twice into a fresh collection by the real Anki library without a single duplicate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from studyapp.cli import main
from studyapp.db.operations.base import perform
from studyapp.db.operations.review import AddCards
from studyapp.db.services import review
from studyapp.domain.errors import StudentError
from studyapp.export.apkg import stable_id
from studyapp.export.cards_csv import read_cards_csv

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def _import_into(collection, package: Path):  # type: ignore[no-untyped-def]
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=False)
    )
    return collection.import_anki_package(request).log


def test_the_deck_imports_into_anki_once_and_never_duplicates(tmp_path, database, topic, capsys):
    from anki.collection import Collection

    perform(database.session_factory, AddCards(topic.id, (("Who led the NKVD?", "Yezhov"),), NOW))
    database.close()
    output = tmp_path / "stalin.apkg"
    assert main(["export", "deck", "--output", str(output)]) == 0
    assert "import it into Anki" in capsys.readouterr().out
    expected = len(review.deck(database.session_factory, topic.id).cards)
    (tmp_path / "anki").mkdir()
    collection = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        first = _import_into(collection, output)
        assert len(first.new) == expected == collection.note_count()
        assert main(["export", "deck", "--output", str(output)]) == 0  # a fresh export
        second = _import_into(collection, output)
        assert len(second.new) == 0 and collection.note_count() == expected
        fields = {note.fields[0] for note in first.new}
        assert "Who led the NKVD?" in fields
        assert any("Rapallo Treaty" in field for field in fields)
        answers = {note.fields[1] for note in first.new}
        assert any("What does this term mean?" in field and "Comintern" in field
                   for field in fields)  # key term → meaning cards travel too  # fmt: skip
        assert any("Communist International" in field for field in answers)
        names = sorted(deck.name for deck in collection.decks.all_names_and_ids())
        assert names == ["Default", "StudyApp", "StudyApp::Stalin's Foreign Policy, 1928–53"]
        models = [model.name for model in collection.models.all_names_and_ids()]
        assert models.count("StudyApp card") == 1
    finally:
        collection.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_deck_and_model_ids_depend_only_on_the_pack():
    assert stable_id("studyapp-deck", "stalin-foreign-policy") == stable_id(
        "studyapp-deck", "stalin-foreign-policy")  # fmt: skip
    assert stable_id("studyapp-deck", "a") != stable_id("studyapp-deck", "b")
    assert 1 << 30 <= stable_id("x") < 1 << 31


def test_own_cards_go_out_and_back_in_as_csv(tmp_path, database, topic):
    cards = (("Who led the NKVD?", "Yezhov"), ("Comma, \"quoted\"", "Line one\nline two"))
    perform(database.session_factory, AddCards(topic.id, cards, NOW))
    database.close()
    output = tmp_path / "cards.csv"
    assert main(["export", "cards", "--output", str(output)]) == 0
    assert read_cards_csv(output) == cards


def test_an_export_to_a_missing_folder_is_one_sentence(tmp_path, capsys):
    assert main(["export", "deck", "--output", str(tmp_path / "nowhere" / "d.apkg")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_an_unknown_topic_is_one_sentence(database, tmp_path, capsys):
    database.close()
    assert main(["export", "deck", "--topic", "Tudors", "--output", str(tmp_path / "d.apkg")]) == 1
    assert "No topic matches 'Tudors'" in capsys.readouterr().err
    assert not (tmp_path / "d.apkg").exists()


@pytest.mark.parametrize(
    ("content", "sentence"),
    [("question,answer\n", "holds no cards"), ("a,b,c\n", "Row 1 of cards.csv has 3 columns")],
)
def test_a_bad_csv_is_refused_with_one_sentence(tmp_path, content, sentence):
    path = tmp_path / "cards.csv"
    path.write_text(content, "utf-8")
    with pytest.raises(StudentError, match=sentence):
        read_cards_csv(path)


def test_the_deck_carries_an_edit_made_while_the_review_tab_was_never_open(tmp_path, database,
                                                                           topic):  # fmt: skip
    """The export words again only the rows noted as changed (`refresh_pending`): the new
    event's cards are in the deck, and a whole-topic sync afterwards finds nothing to do."""
    from studyapp.db.operations.events import EventFields, add_event
    from studyapp.export.review import export_deck

    fields = EventFields(title="Molotov replaces Litvinov", edtf="1939-05-03", date_label="1939")
    perform(database.session_factory, add_event(topic.id, fields))
    assert not any("Molotov replaces Litvinov" in card.prompt + card.answer
                   for card in review.deck(database.session_factory, topic.id).cards)  # fmt: skip
    export_deck(database.session_factory, None, tmp_path / "deck.apkg")
    texts = [card.prompt + card.answer
             for card in review.deck(database.session_factory, topic.id).cards]
    assert sum("Molotov replaces Litvinov" in text for text in texts) >= 1
    assert review.refresh_cards(database.session_factory, topic.id) == review.SyncReport()
