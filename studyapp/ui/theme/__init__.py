"""StudyApp's look: the design tokens in `resources/theme/` applied through one module.

- `install_theme(window, view_menu, settings)` — apply the remembered theme and text size
  and add View ▸ Theme and View ▸ Text size (`menu.py`, `manager.py`).
- `tokens()`, `colour(name)` — the current theme's tokens, for the few places that paint by
  hand (the timeline, cards, the progress chart) or write HTML (`document_css()`).
- `set_role(widget, role)` — a widget's look from the stylesheet ("title", "hint", "card"…).
- `icon(name)` — an SVG icon from the set, drawn in the theme's colours.
- `on_restyle(widget, render)` — re-render when the theme or the text size changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.ui.theme.current import colour, theme_name, tokens
from studyapp.ui.theme.document import document_css
from studyapp.ui.theme.restyle import on_restyle
from studyapp.ui.theme.stylesheet import set_role

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon



def icon(name: str, role: str = "text_muted") -> QIcon:
    """An icon from resources/theme/icons, drawn in the colour token `role` (QtSvg loads on
    the first call, not at start-up)."""
    from studyapp.ui.theme.icons import icon as themed

    return themed(name, role)


__all__ = ["colour", "document_css", "icon", "on_restyle", "set_role", "theme_name", "tokens"]
