"""Writers that turn the student's work into files: Markdown, PDF and Word.

Each export builds a `Document` (plain blocks: headings, paragraphs, bullets, quotes, callouts)
from the read services, and `document.write` renders it in the chosen format through
`files.atomic_write_bytes`, so a failed export never leaves half a file.
"""
