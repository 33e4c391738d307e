"""Export an essay plan as Markdown, HTML, PDF or Word, from its (possibly edited) Markdown.

The Markdown is the one source: HTML comes from `domain.plan_text.to_html`, PDF from that HTML
laid out by Qt (`QTextDocument` printed to a `QPdfWriter`, A4), Word from the same blocks through
python-docx. Qt and python-docx are imported only when those formats are asked for. Every file
is written atomically.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from studyapp.domain.errors import StudentError
from studyapp.domain.plan_text import blocks, runs, title_of, to_html
from studyapp.export.files import write_bytes, write_text

FORMATS = ("md", "html", "pdf", "docx")


def write_plan(markdown: str, fmt: str, path: Path) -> Path:
    """Write the plan in `fmt` to `path`; a refusal (unknown format, missing folder) is one
    sentence and writes nothing."""
    if fmt not in FORMATS:
        raise StudentError(f"'{fmt}' is not a plan format; use md, html, pdf or docx.")
    if not path.parent.is_dir():
        raise StudentError(f"The folder {path.parent} does not exist.")
    if fmt == "md":
        write_text(path, markdown)
    elif fmt == "html":
        write_text(path, to_html(markdown))
    elif fmt == "pdf":
        write_bytes(path, pdf_bytes(markdown))
    else:
        write_bytes(path, docx_bytes(markdown))
    return path


def _ensure_application() -> object:
    """Qt lays out text only with an application object: the app has one; the command line
    gets a windowless one, which the caller holds while it lays out."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is ever shown
    return QGuiApplication(["studyapp"])


def pdf_bytes(markdown: str) -> bytes:
    """The plan laid out on A4 pages by Qt."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    application = _ensure_application()  # noqa: F841 - held until the layout is done
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title_of(markdown))
    writer.setCreator("StudyApp")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setHtml(to_html(markdown))
    document.print_(writer)
    buffer.close()
    del application
    return bytes(data.data())


def docx_bytes(markdown: str) -> bytes:
    """The plan as a Word document: headings, bulleted lines with bold labels, paragraphs."""
    import docx

    document = docx.Document()
    document.core_properties.title = title_of(markdown)
    for block in blocks(markdown):
        if block.kind == "heading":
            paragraph = document.add_heading(level=min(block.level - 1, 4) if block.level > 1
                                             else 0)  # fmt: skip
        elif block.kind == "bullet":
            style = "List Bullet" if block.level == 0 else "List Bullet 2"
            paragraph = document.add_paragraph(style=style)
        else:
            paragraph = document.add_paragraph()
        for run in runs(block.text):
            added = paragraph.add_run(run.text)
            added.bold, added.italic = run.bold or None, run.italic or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
