"""Several topics side by side: the switcher, new topic, managing and sharing topics."""

from __future__ import annotations

from PySide6.QtCore import QSettings

LAST_TOPIC = "topic/last"  # the window's settings key: the pack id of the topic shown last


def remembered_pack_id(settings: QSettings) -> str | None:
    """The pack id of the topic the student had open last time, if any (read at start-up,
    before this package's other modules are loaded)."""
    remembered = settings.value(LAST_TOPIC)
    return remembered if isinstance(remembered, str) else None
