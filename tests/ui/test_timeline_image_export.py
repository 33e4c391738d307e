"""SVG, PNG and PDF exports draw the whole timeline, every event, and open in real readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from studyapp.cli import main
from studyapp.db.services.timeline import list_events


@pytest.fixture
def titles(qapp, session_factory, topic):
    return [e.title for e in list_events(session_factory, topic.id)]


def _export(tmp_path, fmt):
    output = tmp_path / f"timeline.{fmt}"
    assert main(["export", "timeline", "--format", fmt, "--output", str(output)]) == 0
    return output


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_svg_is_xml_with_every_title(tmp_path, database, titles):
    root = ET.parse(_export(tmp_path, "svg")).getroot()
    assert root.tag.endswith("svg")
    text = _squash(" ".join(t for t in root.itertext()))
    missing = [t for t in titles if _squash(t) not in text]
    assert not missing
    assert "1928" in text and "1953" in text  # the axis covers the whole span


def test_png_is_a_readable_picture_of_the_whole_span(tmp_path, database, titles):
    output = _export(tmp_path, "png")
    assert output.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(output))
    # 1913–1955 at 110 px a year: far wider than a screen, so every label has room.
    assert image.width() > 40 * 100 and image.height() > 150


def test_pdf_has_landscape_pages_with_every_title(tmp_path, database, titles):
    reader = PdfReader(_export(tmp_path, "pdf"))
    assert len(reader.pages) > 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    text = _squash(" ".join(page.extract_text() for page in reader.pages))
    # A label crossing a page edge is split between two pages; every one starts on some page.
    missing = [t for t in titles if _squash(t)[:12] not in text]
    assert not missing
    assert all("page" in page.extract_text() for page in reader.pages)


def test_a_bad_format_or_folder_writes_nothing(tmp_path, database, capsys):
    output = tmp_path / "missing" / "t.svg"
    assert main(["export", "timeline", "--format", "svg", "--output", str(output)]) == 1
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "timeline", "--format", "gif", "--output", str(tmp_path / "t.gif")])
    assert list(tmp_path.iterdir()) == [tmp_path / "studyapp-home"]
