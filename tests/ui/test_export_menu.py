"""File ▸ Export and Print in the window: what the student did in the tabs (an annotation,
confidence, a factor dragged to the top, a comparison) reaches the exported files."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from studyapp.ui.export_menu import export_file
from studyapp.ui.factors.board import drag_data


def _file_menu_texts(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text().replace("&", "") for a in menu.actions()]


def _read(path) -> str:
    if path.suffix == ".md":
        text = path.read_text("utf-8")
    elif path.suffix == ".docx":
        import docx

        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    else:
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_file_menu_offers_export_and_print(main_window):
    assert "Print phase notes…" in _file_menu_texts(main_window)
    exports = [a.text().replace("&", "") for a in main_window.export_menu.actions()]
    for expected in ("Phase notes…", "Factors…", "Essay plan…"):
        assert expected in exports


def test_work_done_in_the_tabs_reaches_every_export(qtbot, main_window, tmp_path):
    notes, factors = main_window.tabs[1], main_window.tabs[2]
    item = notes.current_item()
    notes.open_annotation_dialog(item)
    notes.text_dialog.text_edit.setPlainText("Remember *Litvinov*.")
    notes.text_dialog.accept()
    qtbot.mouseClick(notes.confidence_buttons.button(1), Qt.MouseButton.LeftButton)  # shaky
    last = factors.board.cards[factors.rows[-1].id]
    data = drag_data(last.factor_id)
    factors.board.dropEvent(QDropEvent(QPointF(5, 1), Qt.DropAction.MoveAction, data,
                                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    top_title = factors.rows[0].title
    dialog = factors.open_compare_dialog()
    dialog.reason_edit.setPlainText("It decided the war in the east.")
    dialog.accept()

    for fmt in ("md", "docx", "pdf"):
        notes_file, factors_file = tmp_path / f"notes.{fmt}", tmp_path / f"factors.{fmt}"
        assert export_file(main_window, "notes", notes_file)
        assert export_file(main_window, "factors", factors_file)
        notes_text, factors_text = _read(notes_file), _read(factors_file)
        assert "Litvinov" in notes_text and "Confidence: shaky" in notes_text, fmt
        assert f"1. {top_title}" in factors_text, fmt
        assert "It decided the war in the east." in factors_text, fmt
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_a_file_without_a_known_format_is_refused_with_a_sentence(main_window, tmp_path):
    said = []
    main_window.bus.message.connect(said.append)
    assert not export_file(main_window, "notes", tmp_path / "notes.txt")
    assert said and said[-1].startswith("Choose a .md, .pdf or .docx file")
    assert not (tmp_path / "notes.txt").exists()
