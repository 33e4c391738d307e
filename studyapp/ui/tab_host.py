"""The shown topic's tabs, each built (its module imported, its data read) the first time it is
shown or asked for.

Only the first tab is built at start-up: the student sees their timeline without paying for
the notes, factors, arguments and review code. Until a tab is built its place in the
`QTabWidget` holds an empty stand-in; showing it (a click, Ctrl+2, a link, a search result,
File ▸ Export of its contents) builds it then and there. `host[i]` and `open(name)` are the
public ways in: both build on demand, so routing a link into a tab never built still works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, overload

from PySide6.QtWidgets import QTabWidget, QWidget

from studyapp.ui.tabs import TABS, Tab

if TYPE_CHECKING:
    from studyapp.db.first_screen import FirstScreen
    from studyapp.ui.context import TabContext


class TabHost:
    """`len(host)` tabs (none before a topic is shown); `host[i]` builds tab i if needed."""

    def __init__(self, widget: QTabWidget,
                 on_ready: Callable[[QWidget], None] | None = None) -> None:  # fmt: skip
        self.widget = widget
        self._on_ready = on_ready  # told of each tab once it holds its data (remembered state)
        self._context: TabContext | None = None
        self._built: dict[int, QWidget] = {}
        widget.currentChanged.connect(self._on_current_changed)

    def show(self, context: TabContext, screen: FirstScreen | None = None) -> None:
        """Replace every tab with `context`'s: the first built now (with `screen`'s rows when
        they were read before the ORM loaded), the others as stand-ins until first shown."""
        for tab in self._built.values():
            tab.hide()  # a half-typed justification or judgement is saved to its own topic
        for widget in map(self.widget.widget, range(self.widget.count())):
            if widget is not None:
                widget.deleteLater()
        self._built = {}
        self._context = None  # no building while the stand-ins go in
        self.widget.blockSignals(True)
        self.widget.clear()
        for spec in TABS:
            self.widget.addTab(QWidget(self.widget), spec.title)  # a stand-in until built
        self.widget.setCurrentIndex(0)
        self.widget.blockSignals(False)
        self._context = context
        first = self._build(0, load=False)
        self._take_place()
        show_rows = getattr(first, "show_rows", None)  # the rows read before the ORM loaded
        if screen is not None and show_rows is not None:
            show_rows(screen.events, screen.periods, screen.citations_of)
        else:
            self.tab(0).reload()  # with a first screen, waits for the ORM (PendingSessionFactory)
        self._ready(first)

    def _take_place(self) -> None:
        """Lay the window out now, so the tab just built has its real size before it shows its
        rows: the timeline lays its 10,000 events out in lanes for the width it has, and doing
        that for a tab not yet placed (80 px wide) would be thrown away at the next layout."""
        layout = self.widget.window().layout()
        if layout is not None:
            layout.activate()

    def __len__(self) -> int:
        return len(TABS) if self._context is not None else 0

    @overload
    def __getitem__(self, index: int) -> QWidget: ...

    @overload
    def __getitem__(self, index: slice) -> list[QWidget]: ...

    def __getitem__(self, index: int | slice) -> QWidget | list[QWidget]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._built[index] if index in self._built else self._build(index)

    def is_built(self, index: int) -> bool:
        return index in self._built

    def built(self) -> list[QWidget]:
        """The tabs built so far (the others have nothing to refresh)."""
        return list(self._built.values())

    def tab(self, index: int) -> Tab:
        tab = self[index]
        assert isinstance(tab, Tab), f"{type(tab).__name__} does not implement the Tab protocol"
        return tab

    def index_of(self, name: str) -> int:
        """The index of the tab called `name`: its short name ("notes") or its title."""
        wanted = name.replace("&", "").casefold()
        for index, spec in enumerate(TABS):
            if wanted in (spec.name, spec.plain_title.casefold()):
                return index
        raise KeyError(f"there is no tab called {name!r}")

    def open(self, name: str) -> QWidget:
        """Build (if need be) and show the tab called `name`; returns it."""
        index = self.index_of(name)
        tab = self[index]
        self.widget.setCurrentIndex(index)
        return tab

    def _on_current_changed(self, index: int) -> None:
        if self._context is not None and 0 <= index < len(TABS) and index not in self._built:
            self._build(index)

    def _build(self, index: int, *, load: bool = True) -> QWidget:
        assert self._context is not None
        spec = TABS[index]
        tab = spec.build(self._context)
        current = self.widget.currentIndex()
        stand_in = self.widget.widget(index)
        self.widget.blockSignals(True)  # swapping a stand-in is not the student moving
        self.widget.removeTab(index)
        self.widget.insertTab(index, tab, spec.title)
        self.widget.setCurrentIndex(current)
        self.widget.blockSignals(False)
        if stand_in is not None:
            stand_in.deleteLater()
        if hasattr(tab, "title_changed"):  # e.g. Review says how many cards are due
            tab.title_changed.connect(lambda title, i=index: self.widget.setTabText(i, title))
        self._built[index] = tab
        if load:
            self.tab(index).reload()
            self._ready(tab)
        return tab

    def _ready(self, tab: QWidget) -> None:
        if self._on_ready is not None:
            self._on_ready(tab)
