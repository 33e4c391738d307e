"""A QPalette built from the tokens: what Fusion and every widget that reads its palette use.

The selection is a soft tint while the view has the focus and a quiet grey once it leaves, so
the place a student left is still visible without staying loud blue.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from studyapp.ui.theme.design_tokens import Tokens

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def build_palette(tokens: Tokens) -> QPalette:
    c = {name: QColor(value) for name, value in tokens.colours.items()}
    palette = QPalette()
    for group in (Group.Active, Group.Inactive, Group.Disabled):
        for role, name in (
            (Role.Window, "window"), (Role.WindowText, "text"), (Role.Base, "surface"),
            (Role.AlternateBase, "surface_alt"), (Role.Text, "text"), (Role.Button, "raised"),
            (Role.ButtonText, "text"), (Role.PlaceholderText, "text_muted"),
            (Role.ToolTipBase, "tooltip"), (Role.ToolTipText, "tooltip_text"),
            (Role.Link, "link"), (Role.LinkVisited, "link"), (Role.BrightText, "danger"),
            (Role.Highlight, "selection"), (Role.HighlightedText, "selection_text"),
            (Role.Accent, "accent"),
            (Role.Light, "raised"), (Role.Midlight, "border"), (Role.Mid, "border"),
            (Role.Dark, "border_strong"), (Role.Shadow, "border_strong"),
        ):  # fmt: skip
            palette.setColor(group, role, c[name])
    palette.setColor(Group.Inactive, Role.Highlight, c["selection_quiet"])
    palette.setColor(Group.Inactive, Role.HighlightedText, c["text"])
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, c["text_muted"])
    palette.setColor(Group.Disabled, Role.Highlight, c["selection_quiet"])
    palette.setColor(Group.Disabled, Role.HighlightedText, c["text_muted"])
    return palette
