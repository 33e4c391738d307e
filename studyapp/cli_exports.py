"""`studyapp export WHAT …`: every file the command line can write, in one registry.

Each entry names its format choices and a writer that opens the database read-side, writes
the file atomically and returns one sentence saying what was written. A refusal (an unknown
topic or question, a folder that is not there) is a `StudentError`: one sentence on stderr,
exit status 1, and no file. Imports stay inside the writers so `studyapp --version` stays quick.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studyapp import paths

Writer = Callable[[Any, argparse.Namespace], str]  # (session_factory, args) -> sentence


@dataclass(frozen=True)
class ExportCommand:
    help: str
    write: Writer
    formats: tuple[str, ...] = ()  # --format choices, when there is a choice
    extra: Callable[[argparse.ArgumentParser], None] | None = None


def _pack(session_factory: Any, args: argparse.Namespace) -> str:
    import json

    from studyapp.db.pack_export import export_topic
    from studyapp.db.services.topic import find_topic
    from studyapp.export.files import write_text

    topic = find_topic(session_factory, args.topic)
    pack = export_topic(session_factory, topic.id, study_state=args.with_my_work)
    write_text(args.output, json.dumps(pack, ensure_ascii=False, indent=1) + "\n")
    return f"Wrote '{topic.title}' to {args.output}."


def _with_my_work(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--with-my-work", action="store_true",
                        help="include your annotations, ticks, ratings and judgements")  # fmt: skip


def _deck(session_factory: Any, args: argparse.Namespace) -> str:
    from studyapp.export.review import export_deck

    return export_deck(session_factory, args.topic, args.output)


def _cards(session_factory: Any, args: argparse.Namespace) -> str:
    from studyapp.export.review import export_cards_csv

    return export_cards_csv(session_factory, args.topic, args.output)


def _timeline(session_factory: Any, args: argparse.Namespace) -> str:
    from studyapp.export.timeline import export_timeline

    export_timeline(session_factory, args.format, args.output, args.topic)
    return f"Exported the timeline to {args.output}."


def _notes_or_factors(session_factory: Any, args: argparse.Namespace) -> str:
    from studyapp.db.services.topic import find_topic
    from studyapp.export.document import write
    from studyapp.export.factors import factors_document
    from studyapp.export.notes import notes_document

    topic = find_topic(session_factory, args.topic)
    build = notes_document if args.what == "notes" else factors_document
    write(build(session_factory, topic.id), args.format, args.output)
    return f"Exported the {args.what} of '{topic.title}' to {args.output}."


def _plan(session_factory: Any, args: argparse.Namespace) -> str:
    from studyapp.db.services.arguments import find_question, plan_markdown
    from studyapp.db.services.topic import find_topic
    from studyapp.export.plan import write_plan

    topic = find_topic(session_factory, args.topic)
    question = find_question(session_factory, topic.id, args.question)
    written = write_plan(plan_markdown(session_factory, question.id), args.format, args.output)
    return f"Wrote the plan for “{question.text}” to {written}."


def _question(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--question", required=True, metavar="Q",
                        help="the question's number, or a unique fragment of its text")


COMMANDS: dict[str, ExportCommand] = {
    "plan": ExportCommand("a question's essay plan", _plan, ("md", "html", "pdf", "docx"),
                          extra=_question),
    "notes": ExportCommand("the phase notes with your annotations and confidence",
                           _notes_or_factors, ("md", "pdf", "docx")),
    "factors": ExportCommand("the topic's factors as a ranked answer plan",
                             _notes_or_factors, ("md", "pdf", "docx")),
    "timeline": ExportCommand("the whole timeline as svg, png, pdf, csv, ics or json",
                              _timeline, ("svg", "png", "pdf", "csv", "ics", "json")),
    "pack": ExportCommand("one topic as a study pack (.json) to share", _pack,
                          extra=_with_my_work),
    "deck": ExportCommand("the review cards as an Anki deck (.apkg)", _deck),
    "cards": ExportCommand("your own review cards as CSV", _cards),
}  # fmt: skip


def add_export_commands(commands: Any) -> None:
    exporter = commands.add_parser("export", help="write a topic, notes, plans or cards to a file")
    what = exporter.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, command in COMMANDS.items():
        parser = what.add_parser(name, help=command.help)
        if command.formats:
            parser.add_argument("--format", choices=command.formats, default=command.formats[0])
        parser.add_argument("--topic", metavar="T", help="a topic id or a unique part of its title")
        parser.add_argument("--output", type=Path, required=True, metavar="FILE")
        if command.extra:
            command.extra(parser)


def run_export(app_paths: paths.AppPaths, args: argparse.Namespace) -> int:
    from studyapp.db.database import open_existing_database
    from studyapp.domain.errors import StudentError

    if not args.output.parent.is_dir():  # checked first: a typo in the path writes nothing
        raise StudentError(f"The folder {args.output.parent} does not exist.")
    database = open_existing_database(app_paths)
    try:
        print(COMMANDS[args.what].write(database.session_factory, args))
    finally:
        database.close()
    return 0
