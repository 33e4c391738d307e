"""UI test fixtures: a tab shown at the size a student's window gives it, with its data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import show_window


@pytest.fixture
def open_tab(qtbot, tab_context) -> Callable:
    """Build a tab the way MainWindow does, show it at 1200×780 and load its data.

    The returned widget records the status-bar sentences said on the bus in `widget.messages`.
    """

    def build(tab_class):
        widget = tab_class(tab_context)
        qtbot.addWidget(widget)
        widget.resize(1200, 780)
        widget.show()
        qtbot.waitExposed(widget)
        widget.reload()
        widget.messages = []
        tab_context.bus.message.connect(widget.messages.append)
        return widget

    return build


@pytest.fixture
def main_window(qtbot, app_paths, first_run_template):
    """The whole window on a first-run database, with every tab loaded."""
    import shutil

    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    window = show_window(qtbot, app_paths)
    yield window
    window.close_database()
