"""StudyApp's look: the design tokens in `resources/theme/` applied through one module.

- `menu.install_theme(window, settings)` — apply the remembered theme and text size before
  the window's first paint; `menu.add_theme_menus` adds View ▸ Theme and View ▸ Text size.
- `tokens()`, `colour(name)` — the current theme's tokens, for the few places that paint by
  hand (the timeline, cards, the progress chart) or write HTML (`document_css()`).
- `set_role(widget, role)` — a widget's look from the stylesheet ("title", "hint", "card"…).
- `icon(name)` — an SVG icon from the set, drawn in the theme's colours.
- `on_restyle(widget, render)` — re-render when the theme or the text size changes.

What only the tabs use is imported when first called: the window imports this package
before its first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from studyapp.ui.theme.current import colour, theme_name, tokens
from studyapp.ui.theme.stylesheet import set_role

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget


def icon(name: str, role: str = "text_muted") -> QIcon:
    """An icon from resources/theme/icons, drawn in the colour token `role`."""
    from studyapp.ui.theme.icons import icon as themed

    return themed(name, role)


def on_restyle(widget: QWidget, render: Callable[[], None]) -> None:
    """Call `render()` once whenever the theme or text size changes while `widget` lives."""
    from studyapp.ui.theme.restyle import on_restyle as watch

    watch(widget, render)


def document_css() -> str:
    """The rich-text panes' stylesheet in the current theme's colours."""
    from studyapp.ui.theme.document import document_css as css

    return css()


__all__ = ["colour", "document_css", "icon", "on_restyle", "set_role", "theme_name", "tokens"]
