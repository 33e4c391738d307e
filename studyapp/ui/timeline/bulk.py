"""Building 10,000 small objects at once without the cycle collector stopping to look at them.

Python's cycle collector runs whenever enough new objects have been made, and each time the
heap has grown by a quarter it walks every object the program holds. Laying out 10,000 events
makes tens of thousands of objects (glyphs, lane entries, placements) in one go, none of them
in a cycle, so it set off several full collections in a row: measured with
tests/bench/bench_timeline.py, that was most of the time to open the tab. `paused_collector()`
holds the collector for such a burst only; it runs again as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
