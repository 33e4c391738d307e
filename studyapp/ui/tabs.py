"""The tab registry: what a tab is (`Tab`) and the one list the main window builds from.

Adding a tab is one `TabSpec` in `TABS`. Its module is imported when the tab is built (the
first tab at start-up, the others when first shown: `ui/tab_host.py`), so the window paints
before any tab's code is loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

from studyapp.domain.changes import Changes, Kind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from studyapp.ui.context import TabContext


@runtime_checkable
class Tab(Protocol):
    """What the main window, the bus and links between items need from a tab."""

    def reload(self) -> None:
        """Fetch everything again (first show, after an import)."""

    def on_changed(self, changes: Changes) -> None:
        """Refresh only what `changes` names; called for every operation, undo and redo."""

    def select(self, kind: Kind, item_id: int) -> bool:
        """Show and select one item of a kind this tab shows; False when it cannot."""


class TabSpec(NamedTuple):
    title: str  # with its & mnemonic, as in the View menu
    module: str
    class_name: str
    kinds: tuple[Kind, ...]  # items this tab opens through `select`
    icon: str = ""  # its icon in resources/theme/icons (studyapp.ui.theme.icon)

    def build(self, context: TabContext) -> QWidget:
        module = importlib.import_module(self.module)
        widget: QWidget = getattr(module, self.class_name)(context)
        return widget

    @property
    def name(self) -> str:
        """The tab's short name, its package: "timeline", "notes", "review"…"""
        return self.module.split(".")[-2]

    @property
    def plain_title(self) -> str:
        return self.title.replace("&", "")


TABS: tuple[TabSpec, ...] = (
    TabSpec("&Timeline", "studyapp.ui.timeline.tab", "TimelineTab", (Kind.EVENT, Kind.PERIOD),
            "tab-timeline"),
    TabSpec(
        "&Phase notes",
        "studyapp.ui.notes.tab",
        "NotesTab",
        (Kind.NOTE_SECTION, Kind.NOTE_ITEM, Kind.QUOTE, Kind.KEY_TERM),
        "tab-notes",
    ),
    # Alt+C: Alt+F is the File menu's. The tab's hint carries the topic's factors question.
    TabSpec("Fa&ctors", "studyapp.ui.factors.tab", "FactorsTab", (Kind.FACTOR,), "tab-factors"),
    TabSpec(
        "&Argument builder",
        "studyapp.ui.arguments.tab",
        "ArgumentsTab",
        (Kind.QUESTION, Kind.POINT, Kind.JUDGEMENT, Kind.HISTORIAN),
        "tab-arguments",
    ),
    TabSpec("&Review", "studyapp.ui.review.tab", "ReviewTab", (Kind.REVIEW_CARD,), "tab-review"),
)


def tab_for(kind: Kind) -> int | None:
    """The index in `TABS` of the tab that opens items of `kind`."""
    return next((i for i, spec in enumerate(TABS) if kind in spec.kinds), None)
