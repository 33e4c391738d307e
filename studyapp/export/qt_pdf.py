"""HTML to PDF through Qt's `QTextDocument` and `QPdfWriter` — the one place export uses Qt.

Works without a window: when no Qt application exists yet (the command line), an offscreen
`QGuiApplication` is made so fonts and layout are available.
"""

from __future__ import annotations

from typing import Any

_app: Any = None  # the offscreen application made for a command-line export, kept alive


def _ensure_gui_app() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["studyapp", "-platform", "offscreen"])


def text_document(html: str) -> Any:
    """A `QTextDocument` holding `html`, which loads no resources (no files, no network)."""
    _ensure_gui_app()
    from PySide6.QtGui import QTextDocument

    class _Closed(QTextDocument):
        def loadResource(self, kind: int, url: Any) -> Any:  # noqa: N802 - Qt override
            return None  # never fetch: the student's text must not reach disk or network

    document = _Closed()
    document.setHtml(html)
    return document


def html_to_pdf(html: str, title: str) -> bytes:
    """The PDF of `html` on A4 pages with 15 mm margins."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    document = text_document(html)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())
