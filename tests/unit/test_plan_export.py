"""`studyapp export plan`: the four formats open in real tools with the question, every point
and its dated evidence; a bad Q is one sentence, a non-zero exit and no file."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import pytest

from studyapp.cli import main
from studyapp.packs.loader import bundled_pack_path
from tests.unit.test_cli import run_cli

NOV_2008 = ("To what extent do you agree that Stalin's foreign policy between 1928 and 1953 was "
            "inconsistent and unfocused?")  # fmt: skip
# Starter points from the notes, and evidence dated as the chips show it.
EXPECTED = [
    "Security for the Soviet state was the constant aim from 1928 to 1953.",
    "In 1938–39 Stalin was undecided between Hitler and the West.",
    "Nazi–Soviet Pact, 23 Aug 1939",
    "Munich Conference, 29–30 Sep 1938",
    "Anglo-French-Soviet talks, Apr – Aug 1939",
    "Soviet satellite states in Eastern Europe, 1946–1947",
]


def _flat(text: str) -> str:
    """One space between words; ligatures unfolded (PDF text extraction adds both)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _markdown_text(path) -> str:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().parse(path.read_text("utf-8"))
    return " ".join("".join(c.content for c in t.children or [] if c.type == "text")
                    for t in tokens if t.type == "inline")  # the words, markup removed


def _html_text(path) -> str:
    class Collect(HTMLParser):
        chunks: list[str] = []

        def handle_data(self, data: str) -> None:
            self.chunks.append(data)

    parser = Collect()
    parser.chunks = []
    parser.feed(path.read_text("utf-8"))
    return "".join(parser.chunks)


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def _docx_text(path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


READERS = {"md": _markdown_text, "html": _html_text, "pdf": _pdf_text, "docx": _docx_text}


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    assert run_cli("import", str(bundled_pack_path()), home=home).returncode == 0
    return home


def test_the_four_formats_open_with_every_point_and_its_dated_evidence(home, tmp_path):
    for fmt, read in READERS.items():
        output = tmp_path / f"plan.{fmt}"
        result = run_cli("export", "plan", "--question", "inconsistent and unfocused",
                         "--format", fmt, "--output", str(output), home=home)  # fmt: skip
        assert result.returncode == 0, result.stderr
        text = _flat(read(output))
        for expected in [NOV_2008, *EXPECTED]:
            assert _flat(expected) in text, (fmt, expected)
        assert len(re.findall(r"Paragraph \d+", text)) == 7, fmt  # every starter point


@pytest.mark.parametrize(("question", "sentence"), [
    ("zebra", "studyapp: No question matches “zebra”."),
    ("Stalin", "studyapp: “Stalin” matches 3 questions; give more of the question's words or "
               "its number."),
    ("999", "studyapp: No question matches “999”."),
])  # fmt: skip
def test_an_unknown_or_ambiguous_question_writes_nothing(app_paths, tmp_path, capsys, question,
                                                          sentence):  # fmt: skip
    assert main(["import", str(bundled_pack_path())]) == 0
    capsys.readouterr()
    output = tmp_path / "plan.md"
    code = main(["export", "plan", "--question", question, "--format", "md",
                 "--output", str(output)])  # fmt: skip
    assert code != 0 and capsys.readouterr().err.strip() == sentence
    assert not output.exists()


def test_a_missing_folder_is_one_sentence(app_paths, tmp_path, capsys):
    assert main(["import", str(bundled_pack_path())]) == 0
    code = main(["export", "plan", "--question", "1", "--format", "html",
                 "--output", str(tmp_path / "nowhere" / "plan.html")])  # fmt: skip
    assert code != 0 and "does not exist" in capsys.readouterr().err
