"""Issue 13 in the window: a topic built from nothing gets periods, quotes and factors through
forms (each undone and redone), keeps them apart from other topics, can be made from a
TimelineJS file, and is searched alone or with every other topic."""

from __future__ import annotations

from pathlib import Path

from studyapp.db.backup import list_backups
from studyapp.db.services.topic import list_topics
from studyapp.ui.timeline.periods_dialog import PeriodsDialog
from tests.ui.test_topics import _all_tabs, _make_topic, click

SAMPLES = Path(__file__).parents[1] / "data" / "timelinejs"


def _quote_texts(notes) -> list[str]:
    return [row.text for row in notes.items.rows() if row.kind == "quote"]


def test_periods_quotes_and_factors_in_a_topic_built_from_nothing(main_window, qtbot):
    stalin = main_window.topics.current
    _make_topic(qtbot, main_window, "The Cuban Missile Crisis")
    timeline, notes, factors = main_window.tabs[:3]
    stack = main_window.undo_stack
    assert "No events yet: add one with Add event…" in timeline.detail.toPlainText()

    # A period, through the manager reached from the Timeline tab, refused first without a title.
    click(qtbot, timeline.periods_button)
    manager = timeline.findChild(PeriodsDialog)
    assert manager.isVisible() and manager.empty_label.isVisible()
    assert not manager.edit_button.isEnabled()
    form = manager.open_form(None)
    form.date_field.edit.setText("1962")
    click(qtbot, form.ok_button)
    assert form.isVisible() and form.error_label.text() == "A period needs a title."
    qtbot.keyClicks(form.title_edit, "Thirteen days")
    form.date_field.edit.setText("16-28 October 1962")
    click(qtbot, form.ok_button)
    assert not form.isVisible()
    assert manager.list.count() == 1 and not manager.empty_label.isVisible()
    assert manager.list.item(0).text().startswith("Thirteen days   (")
    assert [p.title for p in timeline._periods] == ["Thirteen days"]
    assert timeline.period_combo.findText("Thirteen days") > 0  # the filter offers it
    stack.undo()
    assert manager.list.count() == 0 and timeline._periods == []
    stack.redo()
    assert manager.list.count() == 1 and [p.title for p in timeline._periods] == ["Thirteen days"]
    said: list[str] = []
    main_window.bus.message.connect(said.append)
    click(qtbot, manager.delete_button)
    assert manager.list.count() == 0 and said[-1].startswith("Deleted the period 'Thirteen days'")
    stack.undo()
    assert manager.list.count() == 1
    manager.close()

    # A quote, in the shown section of the notes.
    qtbot.waitUntil(lambda: notes.current_section() is not None)
    section = notes.current_section()
    dialog = notes.open_quote_dialog(section)
    qtbot.keyClicks(dialog.speaker_edit, "Dean Rusk")
    qtbot.keyClicks(dialog.context_edit, "To McGeorge Bundy, 24 October 1962")
    qtbot.keyClicks(dialog.text_edit, "We're eyeball to eyeball, and I think the other "
                                      "fellow just blinked.")  # fmt: skip
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    html = notes.reading.toHtml()
    assert "eyeball to eyeball" in html and "Dean Rusk" in html and "McGeorge Bundy" in html
    assert notes.current_item() is not None and notes.current_item().kind == "quote"
    stack.undo()
    assert _quote_texts(notes) == [] and "eyeball" not in notes.reading.toHtml()
    stack.redo()
    assert len(_quote_texts(notes)) == 1
    # Edit text… on a quote opens the quote's own form, filled in.
    notes.select_item(notes.items.rows()[-1].id)
    click(qtbot, notes.edit_button)
    assert notes.text_dialog is not None and notes.text_dialog.speaker_edit.text() == "Dean Rusk"
    notes.text_dialog.reject()

    # A factor, on the factors tab (empty until now, and saying so).
    main_window.go_to_tab(2)
    assert factors.empty_label.isVisible() and not factors.edit_button.isEnabled()
    click(qtbot, factors.add_button)
    form = factors.factor_dialog
    click(qtbot, form.ok_button)
    assert form.error_label.text() == "A factor needs a title."
    qtbot.keyClicks(form.title_edit, "Kennedy's quarantine")
    form.category_combo.setCurrentIndex(form.category_combo.findData("leadership-and-state"))
    qtbot.keyClicks(form.explanation_edit, "A blockade by another name.")
    click(qtbot, form.ok_button)
    assert [f.title for f in factors.rows] == ["Kennedy's quarantine"]
    assert not factors.empty_label.isVisible() and factors.edit_button.isEnabled()
    stack.undo()
    assert factors.rows == [] and factors.empty_label.isVisible()
    stack.redo()
    assert [f.title for f in factors.rows] == ["Kennedy's quarantine"]

    # Switch away and back: each tab shows its own topic.
    main_window.topics.switch_to(stalin.id)
    timeline, notes, factors = _all_tabs(qtbot, main_window)[:3]
    qtbot.waitUntil(lambda: len(factors.rows) == 8)
    assert len(timeline._periods) == 6 and "Thirteen days" not in [p.title for p in
                                                                  timeline._periods]
    cuba = next(t for t in list_topics(main_window.database.session_factory)
                if t.title == "The Cuban Missile Crisis")  # fmt: skip
    main_window.topics.switch_to(cuba.id)
    timeline, notes, factors = _all_tabs(qtbot, main_window)[:3]
    qtbot.waitUntil(lambda: len(factors.rows) == 1)
    assert [p.title for p in timeline._periods] == ["Thirteen days"]
    assert [f.title for f in factors.rows] == ["Kennedy's quarantine"]
    qtbot.waitUntil(lambda: notes.current_section() is not None)
    assert _quote_texts(notes) == ['"We\'re eyeball to eyeball, and I think the other fellow '
                                   'just blinked."']  # fmt: skip


def _titles(window) -> list[str]:
    return [t.title for t in list_topics(window.database.session_factory)]


def test_a_timelinejs_file_becomes_a_new_topic_and_a_second_time_offers_to_merge(
    main_window, qtbot
):
    backups = len(list_backups(main_window.database.backups_dir))
    topic = main_window.topics.import_as_new_topic(SAMPLES / "eras.json")
    assert topic is not None and topic.title == "Eras Test"  # the file's headline
    assert main_window.windowTitle() == "Eras Test — StudyApp"
    timeline = _all_tabs(qtbot, main_window)[0]
    events = timeline.model.rowCount()
    assert events == 20 and len(timeline._periods) == 3
    assert len(list_backups(main_window.database.backups_dir)) == backups + 1
    assert main_window.statusBar().currentMessage().startswith("Imported eras.json: 20 events")

    main_window.topics.switch_to(next(t.id for t in list_topics(
        main_window.database.session_factory) if t.title.startswith("Stalin")))  # fmt: skip
    asked: list[str] = []

    def refuse(question: str) -> bool:
        asked.append(question)
        return False

    assert main_window.topics.import_as_new_topic(SAMPLES / "eras.json", refuse) is None
    assert asked[0].startswith("You already have a topic called “Eras Test”: import the file")
    assert _titles(main_window).count("Eras Test") == 1
    assert main_window.statusBar().currentMessage() == "Nothing was imported."
    assert main_window.windowTitle().startswith("Stalin")

    merged = main_window.topics.import_as_new_topic(SAMPLES / "eras.json", lambda _q: True)
    assert merged is not None and merged.id == topic.id  # into the topic that was there
    assert _titles(main_window).count("Eras Test") == 1
    timeline = _all_tabs(qtbot, main_window)[0]
    assert main_window.windowTitle() == "Eras Test — StudyApp"
    assert timeline.model.rowCount() == events  # updated, nothing added twice
    assert len(list_backups(main_window.database.backups_dir)) == backups + 2


def test_a_file_without_a_headline_is_titled_by_its_name(main_window, qtbot):
    topic = main_window.topics.import_as_new_topic(SAMPLES / "marktwain.json")
    assert topic is not None and topic.title == "marktwain"
    assert _all_tabs(qtbot, main_window)[0].model.rowCount() > 0


def test_search_this_topic_or_every_topic(main_window, qtbot, app_paths):
    from PySide6.QtCore import QSettings

    stalin = main_window.topics.current
    _make_topic(qtbot, main_window, "The Cuban Missile Crisis")
    timeline = main_window.tabs[0]
    dialog = timeline.open_event_dialog(None)
    dialog.title_edit.setText("U-2 photographs the missile sites")
    dialog.date_field.edit.setText("14 October 1962")
    click(qtbot, dialog.ok_button)
    cuba = main_window.topics.current
    main_window.topics.switch_to(stalin.id)
    _all_tabs(qtbot, main_window)

    box = main_window.search_box
    assert box.scope_button.isVisible() and box.scope_button.text() == "This topic"
    box.field.setFocus()
    qtbot.keyClicks(box.field, "photographs")
    box.controller.flush()
    qtbot.waitUntil(lambda: box.controller.summary != "")
    assert box.popup.hits() == [] and box.controller.summary.startswith("Nothing matches")

    click(qtbot, box.scope_button)
    assert box.scope_button.text() == "All topics"
    hits = box.popup.hits()
    assert [h.plain_title for h in hits] == ["U-2 photographs the missile sites"]
    assert "In The Cuban Missile Crisis" in hits[0].detail_html and hits[0].topic_id == cuba.id
    settings = QSettings(str(app_paths.config / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value("search/all_topics", type=bool) is True  # remembered

    box.popup.chosen.emit(hits[0])  # open it: the window switches topic, then selects it
    qtbot.waitUntil(lambda: main_window.windowTitle().startswith("The Cuban Missile Crisis"))
    qtbot.waitUntil(lambda: main_window.tabs[0].current_event() is not None, timeout=5000)
    assert main_window.tabs[0].current_event().title == "U-2 photographs the missile sites"
    assert main_window.current_tab_index() == 0

    box = main_window.search_box
    assert box.scope_button.isChecked()  # the scope stays across the switch
    click(qtbot, box.scope_button)
    assert box.scope_button.text() == "This topic"
    assert not QSettings(str(app_paths.config / "window.ini"),
                         QSettings.Format.IniFormat).value("search/all_topics", type=bool)


def test_a_quote_opens_at_the_note_that_shows_it_and_edit_periods_is_in_the_edit_menu(
    main_window, qtbot
):
    from sqlalchemy import select

    from studyapp.db.models import NoteItem, Quote
    from studyapp.domain.changes import Kind

    with main_window.database.session_factory() as session:
        quote_id, item_id = session.execute(select(Quote.id, NoteItem.id).join(
            NoteItem, NoteItem.quote_id == Quote.id).order_by(Quote.id)).first()  # fmt: skip
    assert main_window.open_item(Kind.QUOTE, quote_id)  # e.g. a search result under "Quotes"
    notes = main_window.tabs[1]
    assert main_window.current_tab_index() == 1 and notes.current_item().id == item_id

    action = next(a for a in main_window._edit_menu.actions() if a.text() == "&Periods…")
    action.trigger()
    manager = main_window.findChild(PeriodsDialog)
    assert manager is not None and manager.isVisible() and manager.list.count() == 6
    manager.close()


def test_import_as_a_new_topic_sits_beside_the_timelinejs_import(main_window):
    texts = [a.text() for a in main_window._file_menu.actions() if not a.isSeparator()]
    at = texts.index("Import a &TimelineJS file…")
    assert texts[at + 1] == "Import a TimelineJS file as a ne&w topic…"
    assert main_window.topics.import_as_topic_action.isEnabled()
