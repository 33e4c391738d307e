"""The look: WCAG contrast of every token pair, one consistent icon set, light and dark themes
that repaint every tab at once (following the system unless the student chose), and a text
size that scales the whole UI, the timeline included — each remembered."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication

from studyapp.resources import resource_file
from studyapp.ui.theme import icon, set_role
from studyapp.ui.theme.design_tokens import (
    AA_MINIMUM,
    THEMES,
    contrast_pairs,
    contrast_ratio,
    load_tokens,
)
from studyapp.ui.theme.icons import icon_names
from studyapp.ui.theme.manager import MODE_KEY, SIZE_KEY, ThemeManager
from studyapp.ui.timeline import palette as timeline_palette

TAB_NAMES = ("timeline", "notes", "factors", "arguments", "review")


# -- tokens -----------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_every_text_and_background_pair_passes_wcag_aa(theme):
    tokens = load_tokens(theme)
    failing = []
    for text, background, use in contrast_pairs():
        ratio = contrast_ratio(tokens.colour(text), tokens.colour(background))
        if ratio < AA_MINIMUM[use]:
            failing.append(f"{text} on {background}: {ratio:.2f} < {AA_MINIMUM[use]}")
    for category, (strong, tint) in tokens.factor_categories.items():
        ratio = contrast_ratio(strong, tint)  # the category's name on its card
        if ratio < AA_MINIMUM["body"]:
            failing.append(f"factor {category}: {ratio:.2f}")
    for level, colour in tokens.confidence.items():
        ratio = contrast_ratio(colour, tokens.colour("surface"))
        if ratio < AA_MINIMUM["body"]:
            failing.append(f"confidence {level}: {ratio:.2f}")
    for band in tokens.timeline_bands:  # period titles and labels drawn on the bands
        for ink in ("timeline_ink", "timeline_muted"):
            ratio = contrast_ratio(tokens.colour(ink), band)
            if ratio < AA_MINIMUM["body"]:
                failing.append(f"{ink} on band {band}: {ratio:.2f}")
    assert failing == []


@pytest.mark.parametrize("theme", THEMES)
def test_timeline_category_colours_stand_out_on_the_paper(theme):
    paper = load_tokens(theme).colour("timeline_paper")
    colours = [*timeline_palette.CATEGORY_COLOURS.values(), *timeline_palette._SPARE]
    assert [c for c in colours if contrast_ratio(c, paper) < AA_MINIMUM["ui"]] == []


def test_both_themes_name_the_same_tokens_and_every_pair_exists():
    light, dark = load_tokens("light"), load_tokens("dark")
    assert light.colours.keys() == dark.colours.keys()
    assert light.factor_categories.keys() == dark.factor_categories.keys()
    assert light.confidence.keys() == dark.confidence.keys()
    assert len(light.timeline_bands) == len(dark.timeline_bands)
    named = {name for pair in contrast_pairs() for name in pair[:2]}
    assert named <= light.colours.keys()


def test_the_contrast_formula_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# -- icons ------------------------------------------------------------------------------------


def test_the_icons_are_one_set_on_one_grid_with_one_stroke(qapp):
    names = icon_names()
    for needed in ("add", "edit", "delete", "undo", "redo", "search", "export", "zoom-in",
                   "zoom-out", "fit", "tab-timeline", "tab-notes", "tab-factors",
                   "tab-arguments", "tab-review", "chip-event", "chip-note"):  # fmt: skip
        assert needed in names
    for name in names:
        root = ET.parse(resource_file(f"theme/icons/{name}.svg")).getroot()
        assert root.get("viewBox") == "0 0 24 24", name
        assert root.get("stroke-width") == "1.75", name
        assert root.get("stroke") == "currentColor", name
        image = icon(name).pixmap(24, 24).toImage()
        assert any(image.pixelColor(x, y).alpha() for x in range(24) for y in range(24)), name


@pytest.mark.parametrize("theme", THEMES)
def test_the_checkbox_tick_is_drawn_in_the_on_accent_colour(theme):
    tick = ET.parse(resource_file(f"theme/indicators/check-{theme}.svg")).getroot()
    assert tick.get("stroke") == load_tokens(theme).colour("on_accent")


def test_an_icon_is_drawn_in_the_theme_on_screen(qapp, tmp_path):
    manager = ThemeManager(lambda: QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    add = icon("add", "text")
    try:
        colours = {}
        for theme in THEMES:
            manager.set_mode(theme)
            colours[theme] = _darkest_or_lightest(add.pixmap(24, 24).toImage())
        assert QColor(colours["light"]).lightness() < 100 < QColor(colours["dark"]).lightness()
    finally:
        manager.set_mode("light")


def _darkest_or_lightest(image: QImage) -> str:
    opaque = [image.pixelColor(x, y) for x in range(24) for y in range(24)
              if image.pixelColor(x, y).alpha() == 255]  # fmt: skip
    return opaque[0].name()


# -- themes in the window ---------------------------------------------------------------------


@pytest.fixture
def themed_window(main_window):
    yield main_window
    main_window.theme.set_mode("light")  # the application's look is shared by every test
    main_window.theme.step_text_size(0)


def _mean_lightness(image: QImage) -> float:
    step = max(1, image.width() // 40)
    samples = [image.pixelColor(x, y).lightness()
               for x in range(0, image.width(), step) for y in range(0, image.height(), step)]
    return sum(samples) / len(samples)


def _look_of_every_tab(window, qtbot) -> list[float]:
    """How light each tab looks on screen, and each hand-painted part's own colours."""
    seen = []
    for index in range(len(TAB_NAMES)):
        window.go_to_tab(index)
        qtbot.wait(20)
        seen.append(_mean_lightness(window.tabs[index].grab().toImage()))
    return seen


def test_switching_to_dark_repaints_every_tab_at_once(themed_window, qtbot):
    window = themed_window
    assert window.theme.theme == "light"  # the offscreen system says nothing: light
    light = _look_of_every_tab(window, qtbot)
    window.theme.set_mode("dark")
    qtbot.wait(50)  # hand-painted views re-render on the next turn of the event loop
    dark = _look_of_every_tab(window, qtbot)
    for name, before, after in zip(TAB_NAMES, light, dark, strict=True):
        assert after < before - 60, f"the {name} tab did not turn dark ({before:.0f} → {after:.0f})"
    tokens = load_tokens("dark")
    for tab in window.tabs:
        assert tab.palette().color(QPalette.ColorRole.Window) == QColor(tokens.colour("window"))
    # the parts drawn by hand or written as HTML took the dark theme's colours too
    notes, factors = window.tabs[1], window.tabs[2]
    assert QColor(tokens.colour("timeline_paper")) == timeline_palette.PAPER
    assert tokens.colour("chip") in notes.reading.document().defaultStyleSheet()
    assert all(tokens.factor_colours(card.factor.category)[1] in card.styleSheet()
               for card in factors.board.cards.values())  # fmt: skip
    assert _controls_without_a_focus_ring(window) == set()


def _controls_without_a_focus_ring(window) -> set[str]:
    """Every control a student can tab to, in every tab, has a `:focus` rule in the sheet."""
    from PySide6.QtWidgets import QAbstractScrollArea, QTabWidget, QWidget

    sheet = QApplication.instance().styleSheet()
    ring = f"border: 2px solid {load_tokens(window.theme.theme).colour('focus')}"
    ringed = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        if ring in body:  # "border: 2px solid <the focus colour>"
            ringed |= set(re.findall(r"(\w+)(?:\[[^\]]*\])?(?:::[\w-]+)?:focus", selectors))
    missing = set()
    for tab in window.tabs:
        for widget in tab.findChildren(QWidget):
            parent = widget.parentWidget()
            if (widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(tab)
                    or widget.focusProxy() is not None  # the proxy takes it, and is checked
                    or isinstance(widget, QTabWidget)  # its tab bar takes the focus
                    or (isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget)):
                continue  # fmt: skip
            names, meta = [], widget.metaObject()
            while meta is not None:
                names.append(meta.className())
                meta = meta.superClass()
            if not ringed & set(names):
                missing.add(names[0])
    return missing


def test_the_theme_follows_the_system_unless_the_student_chose_one(themed_window, qtbot):
    # The offscreen platform cannot change its scheme, so say what a desktop would say.
    said = QGuiApplication.styleHints().colorSchemeChanged
    window = themed_window
    try:
        said.emit(Qt.ColorScheme.Dark)
        assert window.theme.theme == "dark"
        assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor(
            load_tokens("dark").colour("window"))  # fmt: skip
        window.theme.set_mode("light")  # View ▸ Theme ▸ Light wins over the system
        said.emit(Qt.ColorScheme.Dark)
        assert window.theme.theme == "light"
    finally:
        said.emit(QGuiApplication.styleHints().colorScheme())
    assert window._settings().value(MODE_KEY) == "light"
    assert ThemeManager(window._settings).mode == "light"  # remembered

    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    theme = next(a.menu() for a in view.actions() if a.text() == "&Theme")
    choices = theme.actions()
    assert [a.text().replace("&", "") for a in choices] == ["Match the system", "Light", "Dark"]
    choices[2].trigger()
    assert window.theme.theme == "dark" and choices[2].isChecked()


def test_text_size_keys_scale_the_whole_ui_and_are_remembered(themed_window, qtbot):
    window = themed_window
    timeline = window.tabs[0]
    base_font = QApplication.font().pointSizeF()
    base_label = timeline.canvas.timeline.label_font.pointSizeF()
    window.go_to_tab(0)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    bigger = QApplication.font().pointSizeF()
    assert bigger == pytest.approx(base_font * 1.3)
    assert timeline.canvas.timeline.label_font.pointSizeF() == pytest.approx(base_label * 1.3)
    assert window.tabs[1].reading.font().pointSizeF() == pytest.approx(bigger)
    assert f"{bigger * load_tokens('light').type_scale['title']:.1f}pt" in (
        QApplication.instance().styleSheet())  # fmt: skip
    assert float(window._settings().value(SIZE_KEY)) == pytest.approx(1.3)
    assert ThemeManager(window._settings).scale == pytest.approx(1.3)

    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(base_font * 1.15)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert QApplication.font().pointSizeF() == pytest.approx(base_font)
    assert timeline.canvas.timeline.label_font.pointSizeF() == pytest.approx(base_label)
    for _ in range(12):  # no further than the largest size of the type scale
        window.theme.step_text_size(1)
    assert window.theme.scale == max(load_tokens("light").text_sizes)


def test_a_remembered_size_that_is_not_one_of_ours_falls_back(qapp, tmp_path):
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    settings.setValue(SIZE_KEY, "huge")
    settings.setValue(MODE_KEY, "purple")
    manager = ThemeManager(lambda: settings)
    assert (manager.scale, manager.mode) == (1.0, "system")


def test_a_selection_is_tinted_with_the_focus_and_quiet_without_it(qtbot, tmp_path):
    from PySide6.QtWidgets import QLineEdit, QListWidget, QVBoxLayout, QWidget

    ThemeManager(lambda: QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)).apply()
    window = QWidget()
    qtbot.addWidget(window)
    items, field = QListWidget(window), QLineEdit(window)
    layout = QVBoxLayout(window)
    layout.addWidget(items)
    layout.addWidget(field)
    items.addItems(["Munich Conference", "Nazi–Soviet Pact"])
    items.setCurrentRow(0)
    window.show()
    qtbot.waitExposed(window)
    light = load_tokens("light")

    def highlight() -> str:
        return items.palette().color(QPalette.ColorRole.Highlight).name()

    items.setFocus()
    qtbot.waitUntil(lambda: highlight() == light.colour("selection"))
    field.setFocus()
    qtbot.waitUntil(lambda: highlight() == light.colour("selection_quiet"))


def test_a_role_gives_a_label_its_size_and_colour_from_the_stylesheet(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel, QWidget

    manager = ThemeManager(lambda: QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    manager.apply()
    parent = QWidget()
    qtbot.addWidget(parent)
    heading, error, plain = QLabel("Heading", parent), QLabel("No", parent), QLabel("Body", parent)
    set_role(heading, "heading")
    set_role(error, "error")
    for label in (heading, error, plain):
        label.ensurePolished()
    assert heading.font().pointSizeF() > plain.font().pointSizeF()
    assert error.palette().color(QPalette.ColorRole.WindowText) == QColor(
        load_tokens("light").colour("danger"))  # fmt: skip


def test_the_application_is_made_with_fusion_whatever_the_system_prefers() -> None:
    """`new_application` names Fusion on Qt's command line (no Python QStyle before the first
    paint); a system that asks for another style (here QT_STYLE_OVERRIDE) still gets Fusion."""
    import os
    import subprocess
    import sys

    script = ("import sys; from PySide6.QtWidgets import QApplication; "
              "from studyapp.ui.theme.manager import new_application; "
              "ours = sys.argv[1] == 'ours'; "
              "app = new_application(['studyapp']) if ours else QApplication(['x']); "
              "print(app.style().name().casefold())")  # fmt: skip
    env = {**os.environ, "QT_STYLE_OVERRIDE": "Windows", "QT_QPA_PLATFORM": "offscreen"}
    styles = {made: subprocess.run([sys.executable, "-c", script, made], env=env, check=True,
                                   capture_output=True, text=True).stdout.strip()
              for made in ("ours", "plain")}  # fmt: skip
    assert styles == {"ours": "fusion", "plain": "windows"}
