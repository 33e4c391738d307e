"""The one application stylesheet, built from the tokens for a theme and a text size.

Widgets never set colours or font sizes of their own: they name what they are with a `role`
property (`set_role(label, "title")`) and the rules here give each role its look. The
stylesheet is built once per theme and text size (a change of either builds it again).
A visible focus ring — a 2 px ring in the focus colour — marks every focusable control, and
a list's selection is a soft tint while it has the focus and a quiet grey once focus leaves.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from studyapp.resources import resource_file
from studyapp.ui.theme.design_tokens import Tokens

# role → (type-scale step, font weight, colour token or "")
TEXT_ROLES: dict[str, tuple[str, int, str]] = {
    "display": ("display", 700, ""),
    "heading": ("heading", 600, ""),
    "title": ("title", 600, ""),
    "lead": ("heading", 400, ""),
    "strong": ("body", 600, ""),
    "caption": ("caption", 600, "text_muted"),
    "small": ("small", 400, ""),
    "hint": ("small", 400, "text_muted"),
    "error": ("body", 600, "danger"),
    "warning": ("body", 400, "warning"),
}


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget its look from the stylesheet (a text role above, or "card", "chip")."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def build_stylesheet(tokens: Tokens, base_pt: float) -> str:
    c, r = tokens.colours, tokens.radius
    roles = "\n".join(
        f'QLabel[role="{role}"], QGroupBox[role="{role}"] {{ font-size: '
        f"{base_pt * tokens.type_scale[step]:.1f}pt; font-weight: {weight};"
        + (f" color: {c[colour]};" if colour else "") + " }"
        for role, (step, weight, colour) in TEXT_ROLES.items()
    )
    # The tick on the accent colour (`on_accent`): a file per theme, as Qt's stylesheets
    # take images only from files.
    check_mark = resource_file(f"theme/indicators/check-{tokens.name}.svg").as_posix()
    return _RULES.format(**c, r_sm=r["sm"], r_md=r["md"], r_lg=r["lg"], check_mark=check_mark,
                         small=f"{base_pt * tokens.type_scale['small']:.1f}") + roles  # fmt: skip


_RULES = """
QMainWindow, QDialog {{ background: {window}; }}
QMenuBar {{ background: {window}; padding: 1px; }}
QMenuBar::item {{ padding: 3px 8px; border-radius: {r_sm}px; }}
QMenuBar::item:selected {{ background: {selection_quiet}; color: {text}; }}
QMenu {{ background: {surface}; border: 1px solid {border}; padding: 4px; }}
QMenu::item {{ padding: 5px 28px 5px 22px; border-radius: {r_sm}px; color: {text}; }}
QMenu::item:selected {{ background: {selection}; color: {selection_text}; }}
QMenu::item:disabled {{ color: {text_muted}; }}
QMenu::separator {{ height: 1px; background: {border}; margin: 4px 8px; }}
QStatusBar {{ background: {window}; color: {text_muted}; border-top: 1px solid {border}; }}
QToolTip {{ background: {tooltip}; color: {tooltip_text}; border: none; padding: 4px 6px; }}

QTabWidget::pane {{ border: none; border-top: 1px solid {border}; }}
QTabBar::tab {{ background: transparent; color: {text_muted}; padding: 5px 14px 4px 14px;
    border: none; border-bottom: 2px solid transparent; margin-right: 2px; }}
QTabBar::tab:hover {{ color: {text}; }}
QTabBar::tab:selected {{ color: {text}; border-bottom: 2px solid {accent}; }}
QTabBar::tab:focus {{ border: 2px solid {focus}; border-radius: {r_sm}px; }}

QPushButton {{ background: {raised}; color: {text}; border: 1px solid {border};
    border-radius: {r_md}px; padding: 3px 12px; }}
QPushButton:hover {{ border-color: {border_strong}; }}
QPushButton:pressed {{ background: {surface_alt}; }}
QPushButton:checked {{ background: {selection}; color: {selection_text}; border-color: {accent}; }}
QPushButton:default {{ background: {accent}; color: {on_accent}; border-color: {accent}; }}
QPushButton:default:hover {{ background: {accent_hover}; }}
QPushButton:disabled {{ color: {text_muted}; background: {surface_alt}; border-color: {border}; }}
QPushButton:focus {{ border: 2px solid {focus}; padding: 2px 11px; }}
QToolButton {{ color: {text}; background: transparent; border: 1px solid transparent;
    border-radius: {r_md}px; padding: 3px; }}
QToolButton:hover {{ background: {surface_alt}; border-color: {border}; }}
QToolButton:checked {{ background: {selection}; color: {selection_text}; }}
QToolButton:focus {{ border: 2px solid {focus}; padding: 2px; }}
QToolButton[role="chip"] {{ background: {chip}; color: {chip_text}; border: 1px solid {chip_border};
    border-radius: 9px; padding: 2px 8px; }}
QToolButton[role="chip"]:focus {{ border: 2px solid {focus}; padding: 1px 7px; }}
QToolButton[role="status"] {{ padding: 0px 4px; }}

QLineEdit, QTextEdit, QPlainTextEdit, QTextBrowser, QComboBox, QSpinBox, QDateEdit,
QAbstractSpinBox {{ background: {surface}; color: {text}; border: 1px solid {border};
    border-radius: {r_md}px; padding: 3px 5px; selection-background-color: {accent};
    selection-color: {on_accent}; }}
QTextEdit, QPlainTextEdit, QTextBrowser {{ padding: 2px; }}
QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, QTextBrowser:focus, QComboBox:focus,
QAbstractSpinBox:focus {{ border: 2px solid {focus}; padding: 2px 4px; }}
QTextEdit:focus, QPlainTextEdit:focus, QTextBrowser:focus {{ padding: 1px; }}
QComboBox::drop-down {{ border: none; width: 18px; }}
QComboBox QAbstractItemView {{ background: {surface}; border: 1px solid {border};
    selection-background-color: {selection}; selection-color: {selection_text}; }}

QListView, QTreeView, QTableView, QListWidget, QTreeWidget {{ background: {surface};
    alternate-background-color: {surface_alt}; color: {text}; border: 1px solid {border};
    border-radius: {r_md}px; }}
QListView:focus, QTreeView:focus, QTableView:focus, QListWidget:focus, QTreeWidget:focus {{
    border: 2px solid {focus}; }}
QAbstractItemView {{ selection-background-color: {selection_quiet}; selection-color: {text}; }}
QAbstractItemView[focused="true"] {{ selection-background-color: {selection};
    selection-color: {selection_text}; }}
QHeaderView::section {{ background: {window}; color: {text_muted}; border: none;
    border-bottom: 1px solid {border}; padding: 4px 6px; font-weight: 600; }}
QGraphicsView {{ border: 1px solid {border}; border-radius: {r_md}px; background: {surface}; }}
QGraphicsView:focus {{ border: 2px solid {focus}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}

QGroupBox {{ border: 1px solid {border}; border-radius: {r_lg}px; margin-top: 14px;
    padding: 10px 8px 8px 8px; font-weight: 600; background: {surface}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; color: {text}; }}
QFrame[role="card"] {{ background: {surface}; border: 1px solid {border};
    border-radius: {r_lg}px; }}
QFrame[role="card"]:focus {{ border: 2px solid {focus}; }}
QCheckBox {{ spacing: 6px; }}
QCheckBox::indicator {{ width: 14px; height: 14px; border: 1px solid {border_strong};
    border-radius: {r_sm}px; background: {surface}; }}
QCheckBox::indicator:hover {{ border-color: {accent}; }}
QCheckBox::indicator:checked {{ background: {accent}; border-color: {accent};
    image: url({check_mark}); }}
QCheckBox::indicator:focus {{ border: 2px solid {focus}; width: 12px; height: 12px; }}
QCheckBox::indicator:disabled {{ background: {surface_alt}; border-color: {border}; }}
QSplitter::handle {{ background: {window}; }}
QSplitter::handle:horizontal {{ width: 6px; }}
QSplitter::handle:vertical {{ height: 6px; }}
QProgressBar {{ border: 1px solid {border}; border-radius: {r_sm}px; background: {surface_alt};
    text-align: center; color: {text}; }}
QProgressBar::chunk {{ background: {accent}; border-radius: {r_sm}px; }}
QScrollBar:vertical {{ background: transparent; width: 11px; margin: 0; }}
QScrollBar:horizontal {{ background: transparent; height: 11px; margin: 0; }}
QScrollBar::handle {{ background: {border}; border-radius: 4px; min-height: 28px;
    min-width: 28px; margin: 2px; }}
QScrollBar::handle:hover {{ background: {border_strong}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
"""
