"""The Review tab's title says how many cards are due ("Review (12 due)") from the moment the
notes are open, before the tab itself is built (tabs are built on first show, ui/tab_host.py).

Once built, the tab keeps its own title up to date (`ReviewTab.title_changed`); until then
this counts the due cards when the database opens, after each change and on a topic switch.
Cheap to import: the count and its service load only when the database is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.ui.main_window import MainWindow

def due_title(due: int) -> str:
    return f"&Review ({due} due)" if due else "&Review"


def show_due_count(window: MainWindow) -> None:
    """Keep the unbuilt Review tab's title counting the due cards."""

    index = window.tabs.index_of("review")

    def update(*_args: object) -> None:
        from studyapp.db.services import review

        context = window.context
        if window.database is None or context is None or window.tabs.is_built(index):
            return  # not open yet (the count would wait for it), or the tab says it itself
        due = review.due_count(context.session_factory, context.topic_id, review.utc_now())
        window.tabs.widget.setTabText(index, due_title(due))

    window.edits_ready.connect(update)
    window.data_ready.connect(update)  # a topic switch shows its tabs afresh
    window.bus.changed.connect(update)
