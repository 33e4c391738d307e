"""The Review tab: a review session (Space to reveal, 1–4 to answer, Ctrl+Z to take back the
last answer), the chronology challenge, progress per period, and the student's cards.

The tab wires widgets to the controllers in `controller.py`. Opening it reads only what the
review session shows; the chronology challenge, the progress chart and the card list are read
when their page is first shown, and after a change a page out of sight is only marked stale.
A change redraws only the cards it touched in the card list. Its title carries the number of
cards due: `title_changed` says the new title, and the main window puts it on the tab.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from studyapp.db.operations.review import (
    AddCards,
    DeleteCards,
    EditCard,
    SetDesiredRetention,
    SetSuspended,
)
from studyapp.db.services import review as service
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError
from studyapp.domain.scheduling import Rating
from studyapp.ui.context import TabContext
from studyapp.ui.review.badge import due_title
from studyapp.ui.review.cards_view import CardDialog, CardsView
from studyapp.ui.review.chronology_view import ChronologyView
from studyapp.ui.review.controller import ChronologyChallenge, ReviewSession
from studyapp.ui.review.progress_view import ProgressView
from studyapp.ui.review.views import CardView, SummaryView

if TYPE_CHECKING:
    from studyapp.db.services import SessionFactory

PAGE_SESSION, PAGE_CHRONOLOGY, PAGE_PROGRESS, PAGE_CARDS = range(4)
ROWS_TO_UPDATE = 500  # more changed cards than this: the card list is read again whole


class ReviewTab(QWidget):
    title_changed = Signal(str)  # e.g. "&Review (12 due)"

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.session = ReviewSession(context)
        self.challenge = ChronologyChallenge(context)
        self.card_view = CardView(self)
        self.card_view.setAccessibleName("Review card")
        self.card_view.setAccessibleDescription("Space shows the answer; 1 to 4 rate how well "
                                                "you knew it.")
        self.summary_view = SummaryView(self)
        self.chronology_view = ChronologyView(self)
        self.progress_view = ProgressView(self)
        self.cards_view = CardsView(self)
        self.session_stack = QStackedWidget(self)
        self.pages = QTabWidget(self)
        self.pages.setAccessibleName("Review")
        self._clock = QTimer(self)  # cards come due as time passes, with no change on the bus
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self._update_title)
        self._clock.start()
        self._stale = {PAGE_CHRONOLOGY, PAGE_PROGRESS, PAGE_CARDS}  # pages to read on show
        self._build()
        self._connect()

    # -- the Tab protocol ------------------------------------------------------------------------

    def reload(self) -> None:
        """Bring the cards of whatever changed in line (every write path leaves a note of it,
        `db/card_sources.py`), start a session and show it; every other page is read again when
        next shown."""
        service.refresh_pending(self._context.session_factory, self._context.topic_id)
        if not self.session.started or self.session.finished:
            self.session.start()
        if not self.challenge.events:  # a topic that had too few events may have more now
            self._stale.add(PAGE_CHRONOLOGY)
        self._refresh()

    def on_changed(self, changes: Changes) -> None:
        # Target recall and chronology results have no Kind of their own: re-read both (two
        # small queries) on every change, so their undo and redo show at once.
        if PAGE_CHRONOLOGY not in self._stale:
            self._show_history()
        self.progress_view.show_retention(service.desired_retention(self._context.session_factory))
        # The cards of the rows changed since the last sync, whoever changed them (one small
        # read when none did); all of them after an import.
        report = service.refresh_pending(self._context.session_factory, self._context.topic_id)
        # An edit that changed no card's wording (a description, a note) costs nothing more.
        if changes.touches(Kind.REVIEW_CARD) or report.changed:
            self.session.on_changed(changes)
            if report.changed:
                self.session.reword()  # the shown card follows its source's new wording
            if report.added:  # a new card is due now: ask it in this session
                self.session.take_new()
            cards = changes.ids(Kind.REVIEW_CARD) if changes.touches(Kind.REVIEW_CARD) else (
                frozenset())  # fmt: skip
            self._refresh(None if cards is None else cards | report.card_ids)

    def select(self, kind: Kind, item_id: int) -> bool:
        if kind is not Kind.REVIEW_CARD:
            return False
        self._fill(PAGE_CARDS)
        if not self.cards_view.select(item_id):
            return False
        self.pages.setCurrentIndex(PAGE_CARDS)
        return True

    def export_deck(self) -> None:
        """File ▸ Export ▸ Anki deck…: ask where, then write the .apkg."""
        from studyapp.export.review import export_deck

        name, _filter = QFileDialog.getSaveFileName(self, "Export an Anki deck", "StudyApp.apkg",
                                                    "Anki decks (*.apkg)")  # fmt: skip
        if name:
            self._export_with_progress("the Anki deck", Path(name), export_deck)

    # -- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.session_stack.addWidget(self.card_view)
        self.session_stack.addWidget(self.summary_view)
        self.card_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for page, title in [(self.session_stack, "Review &session"),
                            (self.chronology_view, "&Chronology challenge"),
                            (self.progress_view, "&Progress"), (self.cards_view, "C&ards")]:
            self.pages.addTab(page, title)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(self._fill)
        keys = [(Qt.Key.Key_Space, self._reveal, "Show the answer")] + [
            (getattr(Qt.Key, f"Key_{int(r)}"), lambda r=r: self._rate(r),
             f"Rate the card: {r.name.lower()}") for r in Rating
        ]  # fmt: skip
        for key, slot, what in keys:
            shortcut = QShortcut(QKeySequence(key), self.session_stack)
            shortcut.setWhatsThis(what)  # Help ▸ Keyboard shortcuts lists it under Review
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _connect(self) -> None:
        self.card_view.reveal_requested.connect(self._reveal)
        self.card_view.rating_chosen.connect(lambda value: self._rate(Rating(value)))
        self.summary_view.start_requested.connect(self._start)
        self.chronology_view.new_requested.connect(self._new_challenge)
        self.chronology_view.check_requested.connect(self._check_order)
        self.progress_view.retention_chosen.connect(
            lambda value: self._context.operations.run(SetDesiredRetention(value))
        )
        self.cards_view.add_requested.connect(self._add_card)
        self.cards_view.edit_requested.connect(self._edit_card)
        self.cards_view.suspend_requested.connect(self._toggle_suspended)
        self.cards_view.delete_requested.connect(
            lambda card_id: self._context.operations.run(DeleteCards((card_id,)))
        )
        self.cards_view.import_requested.connect(self._import_csv)
        self.cards_view.export_requested.connect(self._export_csv)

    # -- the review session ------------------------------------------------------------------------

    def _start(self) -> None:
        self.session.start()
        self._show_session()
        self.card_view.setFocus()

    def _reveal(self) -> None:
        if self.session.reveal():
            self._show_session()

    def _rate(self, rating: Rating) -> None:
        if self.session.rate(rating):
            self._show_session()

    def _show_session(self) -> None:
        card = self.session.current
        if card is None:
            self._show_summary()
            return
        done, left = len(self.session.answers), len(self.session.queue)
        self.card_view.show_card(card.prompt, card.answer, self.session.revealed,
                                 f"{done} answered · {left} to go")  # fmt: skip
        self.session_stack.setCurrentWidget(self.card_view)

    def _show_summary(self) -> None:
        factory, topic_id = self._context.session_factory, self._context.topic_id
        due_now = service.due_count(factory, topic_id, service.utc_now())
        upcoming = service.next_due(factory, topic_id)
        when = "" if upcoming is None else upcoming.astimezone().strftime("%d %B at %H:%M")
        next_due = f"The next card is due {when}." if when else ""
        self.summary_view.show_summary(self.session.counts(), due_now, next_due)
        self.session_stack.setCurrentWidget(self.summary_view)

    # -- chronology --------------------------------------------------------------------------------

    def _new_challenge(self) -> None:
        self.chronology_view.show_events(self.challenge.new())
        self._show_history()

    def _check_order(self) -> None:
        given = self.chronology_view.list.order()
        score = self.challenge.check(given)
        if score is not None:
            self.chronology_view.show_result(score, given, self.challenge.right_order())
            self._show_history()

    def _show_history(self) -> None:
        rows = service.chronology_results(self._context.session_factory, self._context.topic_id)
        self.chronology_view.show_history([(row.score, row.out_of) for row in rows])

    # -- cards -------------------------------------------------------------------------------------

    def _add_card(self) -> None:
        def save(prompt: str, answer: str) -> None:
            self._context.operations.submit(
                AddCards(self._context.topic_id, ((prompt, answer),), service.utc_now())
            )

        CardDialog("Add a card", save, parent=self).open()

    def _edit_card(self, card_id: int) -> None:
        card = self.cards_view.cards.get(card_id)
        if card is None:
            return

        def save(prompt: str, answer: str) -> None:
            self._context.operations.submit(EditCard(card_id, prompt, answer))

        CardDialog("Edit card", save, card.prompt, card.answer, parent=self).open()

    def _toggle_suspended(self, card_id: int) -> None:
        card = self.cards_view.cards.get(card_id)
        if card is not None:
            self._context.operations.run(SetSuspended(card_id, not card.suspended))

    def _import_csv(self) -> None:
        from studyapp.export.cards_csv import read_cards_csv

        name, _filter = QFileDialog.getOpenFileName(self, "Import cards", "", "CSV files (*.csv)")
        if not name:
            return
        try:
            sides = read_cards_csv(Path(name))
        except StudentError as refusal:
            self._context.bus.say(str(refusal))
            return
        self._context.operations.run(AddCards(self._context.topic_id, sides, service.utc_now()))

    def _export_csv(self) -> None:
        from studyapp.export.review import export_cards_csv

        name, _filter = QFileDialog.getSaveFileName(self, "Export your cards", "cards.csv",
                                                    "CSV files (*.csv)")  # fmt: skip
        if name:
            self._export_with_progress("your cards", Path(name), export_cards_csv)

    def _export_with_progress(
        self, what: str, path: Path, export: Callable[[SessionFactory, str, Path], str]
    ) -> None:
        """Write on a worker thread behind a progress dialog with Cancel (none of it draws with
        Qt); Cancel leaves no file. The sentence the exporter returns goes to the status bar."""
        from studyapp.ui.progress import Cancelled, write_with_progress

        factory, topic = self._context.session_factory, str(self._context.topic_id)
        try:
            said = write_with_progress(self, f"Exporting {what}…", path,
                                       lambda staging: export(factory, topic, staging))  # fmt: skip
        except Cancelled:
            said = f"Export cancelled: {path.name} was not written."
        self._context.bus.say(said)

    # -- refreshing --------------------------------------------------------------------------------

    def _refresh(self, card_ids: frozenset[int] | None = None) -> None:
        """Show the session and the title; the progress and the card list (only `card_ids`'
        rows when given) now if in sight, else when next shown."""
        self._show_session()
        self._update_title()
        if card_ids is not None and len(card_ids) > ROWS_TO_UPDATE:
            card_ids = None  # an import's thousands of cards: one read of them all is quicker
        if card_ids is not None and PAGE_CARDS not in self._stale:
            found = service.get_cards(self._context.session_factory, list(card_ids),
                                      self._context.topic_id)  # fmt: skip
            self.cards_view.update_cards(card_ids, found)
        else:
            self._stale.add(PAGE_CARDS)
        self._stale.add(PAGE_PROGRESS)
        self._fill(self.pages.currentIndex())

    def _fill(self, page: int) -> None:
        """Read a page's content if it is stale (first shown, or changed out of sight)."""
        if page not in self._stale:
            return
        self._stale.discard(page)
        factory, topic_id = self._context.session_factory, self._context.topic_id
        if page == PAGE_CHRONOLOGY:
            self._new_challenge()
        elif page == PAGE_PROGRESS:
            self.progress_view.show_progress(service.progress(factory, topic_id,
                                                              service.utc_now()),
                                             service.desired_retention(factory))  # fmt: skip
        elif page == PAGE_CARDS:
            self.cards_view.show_cards(service.list_cards(factory, topic_id))

    def _update_title(self) -> None:
        factory, topic_id = self._context.session_factory, self._context.topic_id
        due = service.due_count(factory, topic_id, service.utc_now())
        self.title_changed.emit(due_title(due))
