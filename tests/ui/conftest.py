"""UI test fixtures: a tab shown at the size a student's window gives it, with its data."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def open_tab(qtbot, tab_context) -> Callable:
    """Build a tab the way MainWindow does, show it at 1200×780 and load its data.

    The returned widget records its status-bar sentences in `widget.messages`.
    """

    def build(tab_class):
        widget = tab_class(tab_context)
        qtbot.addWidget(widget)
        widget.resize(1200, 780)
        widget.show()
        qtbot.waitExposed(widget)
        widget.reload()
        widget.messages = []
        widget.status_message.connect(widget.messages.append)
        return widget

    return build
