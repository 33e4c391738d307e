"""The phase notes' quote commands: add a quote to a section, edit it, delete it — no widgets.

Each runs a typed operation from `studyapp.db.operations.quotes` through the one operation
helper (undo, status bar, the bus). Forms use `submit`, so a refusal stays in the dialog.
"""

from __future__ import annotations

from studyapp.db.operations.quotes import QuoteFields, add_quote, delete_quote, edit_quote
from studyapp.db.services.quotes import QuoteRow, item_showing, quote_of_item
from studyapp.ui.context import TabContext


class QuoteController:
    def __init__(self, context: TabContext) -> None:
        self._context = context

    def quote_of(self, item_id: int) -> QuoteRow | None:
        return quote_of_item(self._context.session_factory, item_id)

    def item_showing(self, quote_id: int) -> int | None:
        return item_showing(self._context.session_factory, quote_id)

    def add(self, section_id: int, fields: QuoteFields) -> int:
        """The id of the note item showing the new quote; raises StudentError."""
        return int(self._context.operations.submit(add_quote(section_id, fields)).value)

    def edit(self, quote: QuoteRow, fields: QuoteFields) -> bool:
        """False when nothing changed; raises StudentError."""
        return self._context.operations.submit(edit_quote(quote.id, fields)).inverse is not None

    def delete(self, quote: QuoteRow) -> bool:
        return self._context.operations.run(delete_quote(quote.id, quote.speaker)) is not None
