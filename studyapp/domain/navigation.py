"""Where the student has been, for Back and Forward: the logic, without Qt.

A `Location` is a tab (by its index in the tab registry) or one item in it. `History` keeps the
current location between a back stack and a forward stack, as a web browser does: a new move
forgets the forward stack, and only the newest `capacity` places are kept. The Qt side that
records moves and re-opens places is `studyapp.ui.navigation.Navigator`.
"""

from __future__ import annotations

from dataclasses import dataclass

CAPACITY = 100


@dataclass(frozen=True)
class Location:
    """A tab, or one item in it (`kind` and `item_id` set)."""

    tab: int
    kind: str | None = None
    item_id: int | None = None

    @property
    def is_item(self) -> bool:
        return self.kind is not None


class History:
    """Back and forward stacks around the current location; the oldest places drop off."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.current: Location | None = None
        self._back: list[Location] = []
        self._forward: list[Location] = []

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def visit(self, location: Location) -> None:
        """Record a move; a new move forgets the forward stack, as a browser does."""
        current = self.current
        if current == location:
            return
        if current is not None and not location.is_item and current.tab == location.tab:
            return  # the tab switch that comes with opening an item there: already recorded
        if current is not None and location.is_item and not current.is_item \
                and current.tab == location.tab:  # fmt: skip
            self.current = location  # the item refines the tab switch that brought us here
            return
        if current is not None:
            self._back.append(current)
            del self._back[: -self.capacity]
        self._forward.clear()
        self.current = location

    def back(self) -> Location | None:
        return self._step(self._back, self._forward)

    def forward(self) -> Location | None:
        return self._step(self._forward, self._back)

    def _step(self, source: list[Location], target: list[Location]) -> Location | None:
        if not source:
            return None
        if self.current is not None:
            target.append(self.current)
        self.current = source.pop()
        return self.current
