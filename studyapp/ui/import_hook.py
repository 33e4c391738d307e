"""A lighter answer to the question PySide6 asks of every module imported after it.

PySide6 replaces `__import__` (for its `from __feature__ import snake_case` switch) and, for
each newly imported module, asks whether its source mentions "PySide6". It finds out with
`inspect.getsource`, which tokenises the file and keeps every line of it in `linecache` for
the rest of the session: at start-up that is about 130 modules, 11–23 ms on the GUI thread and
about 4.8 MiB of source text held for nothing (measured with `tracemalloc`). Reading the
file's bytes answers the same question without either. Modules without a `.py` file (built-in,
frozen in a bundle) still go to PySide6's own check.
"""

from __future__ import annotations

import sys
from types import ModuleType


def lighten_pyside_import_check() -> bool:
    """Swap in the byte search; False (and nothing changed) when this PySide6 has no such
    check, so a newer PySide6 that drops or renames it just keeps its own."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "lightened", False):
        return False

    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    mentions_pyside.lightened = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mentions_pyside  # type: ignore[attr-defined]
    return True
