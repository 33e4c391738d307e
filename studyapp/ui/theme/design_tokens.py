"""The design tokens (`resources/theme/tokens.json`) as plain Python: colours per theme, the
type scale, spacing and radii, and the WCAG contrast of two colours.

No Qt here, so the contrast test and anything else that only reads the tokens stays cheap.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, NamedTuple

from studyapp.resources import resource_file

THEMES = ("light", "dark")
TOKENS_FILE = "theme/tokens.json"
# WCAG 2.x AA: body text 4.5:1; large text (≥ 18 pt, or 14 pt bold) and UI parts 3:1.
AA_MINIMUM = {"body": 4.5, "large": 3.0, "ui": 3.0}


class Tokens(NamedTuple):
    """One theme's tokens. `colour(name)` fails loudly on a name the file does not define."""

    name: str
    colours: dict[str, str]
    factor_categories: dict[str, tuple[str, str]]  # category → (strong, tint)
    confidence: dict[str, str]
    timeline_bands: tuple[str, ...]
    timeline_categories: dict[str, str]  # category → colour, the same in both themes
    timeline_spare: tuple[str, ...]  # for categories of imported timelines
    type_scale: dict[str, float]
    text_sizes: tuple[float, ...]
    spacing: dict[str, int]
    radius: dict[str, int]

    @property
    def dark(self) -> bool:
        return self.name == "dark"

    def colour(self, name: str) -> str:
        return self.colours[name]

    def factor_colours(self, category: str) -> tuple[str, str]:
        return self.factor_categories.get(category, self.factor_categories["other"])


@cache
def _raw() -> dict[str, Any]:
    return dict(json.loads(resource_file(TOKENS_FILE).read_text("utf-8")))


@cache
def load_tokens(name: str) -> Tokens:
    if name not in THEMES:
        raise ValueError(f"no theme named {name!r}")
    raw = _raw()
    return Tokens(
        name=name,
        colours=dict(raw["colours"][name]),
        factor_categories={k: (v[0], v[1]) for k, v in raw["factor_categories"][name].items()},
        confidence=dict(raw["confidence"][name]),
        timeline_bands=tuple(raw["timeline_bands"][name]),
        timeline_categories=dict(raw["timeline_categories"]["known"]),
        timeline_spare=tuple(raw["timeline_categories"]["spare"]),
        type_scale=dict(raw["type_scale"]),
        text_sizes=tuple(raw["text_sizes"]),
        spacing=dict(raw["spacing"]),
        radius=dict(raw["radius"]),
    )


def contrast_pairs() -> list[tuple[str, str, str]]:
    """(text colour, background, "body" | "large" | "ui") for every pair the UI draws."""
    return [(fg, bg, use) for fg, bg, use in _raw()["pairs"]]


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two opaque `#rrggbb` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
