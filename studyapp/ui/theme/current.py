"""Which theme is showing, for the few places that paint by hand or write HTML.

The theme manager records its choice on the application object (`THEME_PROPERTY`); before it
runs (unit tests that build one tab) everything is drawn in the light theme.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studyapp.ui.theme.design_tokens import Tokens, load_tokens

THEME_PROPERTY = "studyappTheme"


def theme_name() -> str:
    app = QCoreApplication.instance()
    name = app.property(THEME_PROPERTY) if app is not None else None
    return name if name in ("light", "dark") else "light"


def tokens() -> Tokens:
    """The tokens of the theme on screen now."""
    return load_tokens(theme_name())


def colour(name: str) -> str:
    return tokens().colour(name)
