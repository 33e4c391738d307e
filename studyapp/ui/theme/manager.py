"""The theme on screen: light or dark (following the system unless the student chose one) and
the text size, applied to the whole application and remembered in the window's settings.

Applying a theme sets Fusion, the QPalette, the application font and the one stylesheet;
Qt then tells every widget, so views painted from the palette repaint at once and the few that
draw by hand or write HTML re-render through `on_restyle`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from studyapp.ui.theme.current import THEME_PROPERTY
from studyapp.ui.theme.design_tokens import load_tokens
from studyapp.ui.theme.palette import build_palette
from studyapp.ui.theme.stylesheet import build_stylesheet

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView

    ColorScheme = Qt.ColorScheme

MODES = ("system", "light", "dark")
MODE_KEY = "theme/mode"
SIZE_KEY = "theme/text_size"
BASE_FONT_PROPERTY = "studyappBaseFontPt"  # the platform's text size before any scaling
SYSTEM_DARK_PROPERTY = "studyappSystemDark"  # whether the system's own palette was dark
SOFT_SELECTION_PROPERTY = "studyappSoftSelection"
FUSION_PROPERTY = "studyappFusion"  # the application was made with Fusion (`new_application`)


def new_application(argv: list[str]) -> QApplication:
    """The QApplication, made with Fusion (the same look on every platform) named on its own
    command line. Asking Python for the application's style instead loads PySide's `QStyle`
    type and its hundreds of enum values: 6–8 ms before the first paint."""
    app = QApplication([*argv, "-style", "Fusion"])
    app.setProperty(FUSION_PROPERTY, True)
    return app


class ThemeManager(QObject):
    changed = Signal()

    def __init__(self, settings: Callable[[], QSettings], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._app = _application()
        if self._app.property(BASE_FONT_PROPERTY) is None:
            self._app.setProperty(BASE_FONT_PROPERTY, self._app.font().pointSizeF())
        stored = settings()
        mode = str(stored.value(MODE_KEY, "system"))
        self.mode = mode if mode in MODES else "system"
        self.scale = _known_scale(stored.value(SIZE_KEY, 1.0))
        self._applied: tuple[str, float] | None = None
        self._system_dark = _system_is_dark(self._app)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)
        if not self._app.property(FUSION_PROPERTY):  # an application made elsewhere (tests)
            if self._app.style().name().casefold() != "fusion":  # Linux often has it already
                self._app.setStyle("Fusion")  # the same look on every platform
            self._app.setProperty(FUSION_PROPERTY, True)
        if not self._app.property(SOFT_SELECTION_PROPERTY):  # once, whatever the windows
            self._app.setProperty(SOFT_SELECTION_PROPERTY, True)
            self._app.focusChanged.connect(_soften_selection)

    @property
    def theme(self) -> str:
        """The theme shown: the chosen one, or the system's (light when it does not say)."""
        if self.mode != "system":
            return self.mode
        return "dark" if self._system_dark else "light"

    def apply(self) -> None:
        """Show the theme and text size; nothing happens when both are already on screen."""
        wanted = (self.theme, self.scale)
        if wanted == self._applied:
            return
        self._applied = wanted
        tokens = load_tokens(self.theme)
        base = float(self._app.property(BASE_FONT_PROPERTY)) * self.scale
        self._app.setProperty(THEME_PROPERTY, tokens.name)  # before Qt tells the widgets
        font = QFont(self._app.font())
        font.setPointSizeF(base)
        self._app.setFont(font)
        self._app.setPalette(build_palette(tokens))
        self._app.setStyleSheet(build_stylesheet(tokens, base))
        self.changed.emit()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"no theme mode {mode!r}")
        self.mode = mode
        self._settings().setValue(MODE_KEY, mode)
        self.apply()

    def step_text_size(self, steps: int) -> None:
        """One step bigger (+1) or smaller (-1) on the type scale's sizes; 0 for the usual size."""
        sizes = load_tokens("light").text_sizes
        if steps == 0:
            self.scale = 1.0
        else:
            index = sizes.index(self.scale) + steps
            self.scale = sizes[min(max(index, 0), len(sizes) - 1)]
        self._settings().setValue(SIZE_KEY, self.scale)
        self.apply()

    def _on_system_scheme(self, scheme: ColorScheme) -> None:
        self._system_dark = scheme.name == "Dark"
        if self.mode == "system":
            self.apply()


def _soften_selection(old: QWidget | None, new: QWidget | None) -> None:
    """A list's selection is tinted while it has the focus and quiet once the focus leaves.

    Qt's own palette switches with the window, not the focus; so the view that lost or gained
    the focus is marked (`focused`) and polished again, which picks its stylesheet rule."""
    for widget, focused in ((old, False), (new, True)):
        # `inherits` rather than isinstance: the window's first focus comes before its first
        # paint, and loading PySide's QAbstractItemView type then costs about 2 ms.
        if (widget is not None and widget.inherits("QAbstractItemView")
                and widget.property("focused") != focused):  # fmt: skip
            widget.setProperty("focused", focused)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            cast("QAbstractItemView", widget).viewport().update()


def _system_is_dark(app: QApplication) -> bool:
    """Whether the system shows dark windows, from its own palette (read before ours replaces
    it). Not `styleHints().colorScheme()`: its enum loads Qt's whole `Qt` namespace, tens of
    milliseconds before the first paint; its change signal still tells us of later switches."""
    known = app.property(SYSTEM_DARK_PROPERTY)
    if known is None:
        palette = app.palette()
        window, text = (palette.color(role).lightness()
                        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText))
        known = window < text
        app.setProperty(SYSTEM_DARK_PROPERTY, known)
    return bool(known)


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "the theme needs the QApplication"
    return app


def _known_scale(value: object) -> float:
    """A remembered text size, or the usual one when the setting is not one of ours."""
    try:
        scale = float(str(value))
    except ValueError:
        return 1.0
    return scale if scale in load_tokens("light").text_sizes else 1.0
