"""`studyapp export notes|factors`: every section, quote, check note and factor reaches the file,
with the student's annotations, confidence, ranking, comparisons and evidence; Word files open in
python-docx and PDFs in pypdf; a failed export writes nothing."""

from __future__ import annotations

import unicodedata

import pytest

from studyapp.cli import main
from studyapp.db.operations import factors as factor_ops
from studyapp.db.operations import notes as note_ops
from studyapp.db.operations.base import perform
from studyapp.db.services import factors, notes
from studyapp.domain.errors import StudentError


@pytest.fixture
def student_work(database, session_factory, topic):
    """The bundled notes plus some of the student's work: an annotation, confidence, a move
    and a comparison. Returns what to look for in the exports."""
    roots = notes.section_tree(session_factory, topic.id)
    section = roots[0].children[0]
    item = notes.section_items(session_factory, section.id)[0]
    perform(session_factory, note_ops.annotate_item(item.id, "**Comintern** = *world* party"))
    perform(session_factory, note_ops.set_confidence(section.id, "secure"))
    rows = factors.list_factors(session_factory, topic.id)
    perform(session_factory, factor_ops.move_factor(rows[-1].id, 0))
    perform(session_factory, factor_ops.compare_factors(rows[-1].id, rows[0].id, "It came first."))
    perform(session_factory, factor_ops.justify_factor(rows[-1].id, "Decisive because of *tanks*."))
    grouped = notes.items_by_section(session_factory, topic.id)
    every_item = [i for group in grouped.values() for i in group]
    return {
        "sections": [s.title for s, _d in notes.walk(notes.section_tree(session_factory,
                                                                        topic.id))],
        "quotes": [i.text[:40] for i in every_item if i.kind == "quote"],
        "checks": [i.check_note.removeprefix("Check:").strip()[:40]
                   for i in every_item if i.check_note],
        "factors": [f.title for f in factors.list_factors(session_factory, topic.id)],
        "top": rows[-1].title,
    }


@pytest.fixture(autouse=True)
def _widgets_app(request):
    """A PDF export in this process makes a Qt application when none exists; make it the
    QApplication the UI tests need, so the order tests run in does not matter."""
    if "pdf" in request.node.name:
        request.getfixturevalue("qapp")


def _export(what: str, fmt: str, tmp_path, database) -> str:
    database.close()  # the command opens the file itself, as it would from a terminal
    out = tmp_path / f"{what}.{fmt}"
    assert main(["export", what, "--format", fmt, "--output", str(out)]) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if fmt == "md":
        return out.read_text("utf-8")
    if fmt == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)


def _flat(text: str) -> str:
    """One line, ligatures (a PDF's "ﬁ") and tabs undone, so phrases can be looked for."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_notes_export_has_every_section_quote_check_note_and_the_students_work(
    fmt, student_work, tmp_path, database
):
    text = _flat(_export("notes", fmt, tmp_path, database))
    for expected in student_work["sections"] + student_work["quotes"] + student_work["checks"]:
        assert _flat(expected) in text, expected
    assert "1 of 9 sections secure" in text
    assert "Confidence: secure" in text
    assert "Comintern" in text and "world" in text
    assert "pp. 128–131" in text or "pp. 128-131" in text


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_factors_export_is_the_ranked_plan_with_comparisons(fmt, student_work, tmp_path,
                                                            database):
    text = _flat(_export("factors", fmt, tmp_path, database))
    for factor in student_work["factors"]:
        assert _flat(factor) in text, factor
    assert f"1. {_flat(student_work['top'])}" in text
    assert "It came first." in text and "More important than" in text
    assert "Less important than" in text and "Evidence:" in text
    assert "tanks" in text


def test_markdown_keeps_the_students_markdown(student_work, tmp_path, database):
    text = _export("notes", "md", tmp_path, database)
    assert "**Comintern** = *world* party" in text


def test_an_export_into_a_missing_folder_is_one_sentence(database, tmp_path, capsys):
    database.close()
    out = tmp_path / "nowhere" / "notes.md"
    assert main(["export", "notes", "--format", "md", "--output", str(out)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not out.parent.exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    from studyapp.export import files

    target = tmp_path / "plan.md"
    target.write_text("old", "utf-8")

    def broken_fsync(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(StudentError, match="No space left on device"):
        files.write_text(target, "new")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]

