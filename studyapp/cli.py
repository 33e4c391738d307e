"""The `studyapp` command: the GUI by default, subcommands that make the data scriptable.

Errors reach the user as one sentence on stderr and a non-zero exit status, never a
traceback; the details go to the log file in the appdirs log folder. Heavy modules (Qt,
SQLAlchemy, jsonschema) are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from studyapp import __version__, paths

log = logging.getLogger("studyapp")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one sentence rather than a usage dump."""

    def error(self, message: str) -> NoReturn:
        if "invalid choice" in message:
            bad = message.split("'")[1] if "'" in message else message
            message = f"'{bad}' is not a StudyApp command (see studyapp --help)"
        self.exit(EXIT_USAGE, f"studyapp: {message}.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="studyapp",
        description="StudyApp: offline revision for history students. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"StudyApp {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="keep the database, logs and backups in DIR"
    )
    parser.add_argument(
        "--startup-report",
        action="store_true",
        help="open the app, print first_paint_ms=… data_ready_ms=… once data shows, and exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    importer = commands.add_parser("import", help="import a study pack (.json or .zip)")
    importer.add_argument("file", type=Path, metavar="FILE")
    commands.add_parser("check", help="check the database; exit 0 when healthy")
    _add_export_plan_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    started = process_start_time()
    args = build_parser().parse_args(argv)
    app_paths = paths.resolve(args.data_dir)
    try:
        _configure_logging(app_paths)
    except OSError as error:
        return _fail(f"StudyApp cannot write to {app_paths.logs} ({error.strerror}).")
    if args.command == "import":
        return _run_safely(_import, app_paths, args.file)
    if args.command == "check":
        return _run_safely(_check, app_paths)
    if args.command == "export" and args.what == "plan":
        return _run_safely(_export_plan, app_paths, args)
    from studyapp.ui.app import run_gui

    return run_gui(app_paths, started_at=started, startup_report=args.startup_report)


def _run_safely(command, *args) -> int:  # type: ignore[no-untyped-def]
    """Run a subcommand; expected failures become one sentence, surprises are logged."""
    from studyapp.db.database import DatabaseOpenError
    from studyapp.packs.loader import PackError

    try:
        return command(*args)
    except (DatabaseOpenError, PackError) as error:
        log.warning("%s", error)
        return _fail(str(error))
    except Exception as error:
        log.exception("Unexpected error in %s", command.__name__)
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return _fail(f"StudyApp failed unexpectedly ({reason}); details are in the log file.")


def _import(app_paths: paths.AppPaths, file: Path) -> int:
    from studyapp.db.database import open_database
    from studyapp.db.pack_import import import_pack_file
    from studyapp.packs.loader import load_pack

    load_pack(file)  # validate before the database is even opened: a bad file changes nothing
    database = open_database(app_paths)
    try:
        report = import_pack_file(database.session_factory, file)
    finally:
        database.close()
    print(report.summary())
    return EXIT_OK


def _check(app_paths: paths.AppPaths) -> int:
    from studyapp.db.database import open_database
    from studyapp.db.integrity import check_database

    if not app_paths.database.exists():
        return _fail(f"There is no StudyApp database at {app_paths.database} yet.")
    database = open_database(app_paths, import_bundled=False)
    try:
        result = check_database(database)
    finally:
        database.close()
    if not result.healthy:
        return _fail(f"{app_paths.database} has problems: {'; '.join(result.problems)}.")
    counts = ", ".join(f"{n} {table.replace('_', ' ')}s" for table, n in result.counts.items())
    print(f"{app_paths.database} is healthy ({counts}).")
    return EXIT_OK


def _add_export_plan_parser(commands: argparse._SubParsersAction) -> None:
    """`studyapp export plan --question Q --format md|html|pdf|docx --output FILE` (issue #8)."""
    exporter = commands.add_parser("export", help="export an essay plan")
    kinds = exporter.add_subparsers(dest="what", metavar="WHAT", required=True)
    plan = kinds.add_parser("plan", help="a question's essay plan")
    plan.add_argument("--question", required=True, metavar="Q",
                      help="the question's number, or a unique fragment of its text")
    plan.add_argument("--format", required=True, choices=("md", "html", "pdf", "docx"))
    plan.add_argument("--output", required=True, type=Path, metavar="FILE")


def _export_plan(app_paths: paths.AppPaths, args: argparse.Namespace) -> int:
    """Write one question's essay plan; an unknown or ambiguous Q is one sentence, no file."""
    from studyapp.db.database import open_database
    from studyapp.db.services.arguments import find_question, plan_markdown
    from studyapp.db.services.topic import current_topic
    from studyapp.domain.errors import StudentError
    from studyapp.export.plan import write_plan

    if not app_paths.database.exists():
        return _fail(f"There is no StudyApp database at {app_paths.database} yet.")
    database = open_database(app_paths, import_bundled=False)
    try:
        topic = current_topic(database.session_factory)
        if topic is None:
            return _fail("There are no questions yet: import a study pack first.")
        question = find_question(database.session_factory, topic.id, args.question)
        markdown = plan_markdown(database.session_factory, question.id)
        written = write_plan(markdown, args.format, args.output)
    except StudentError as error:
        return _fail(str(error))
    finally:
        database.close()
    print(f"Wrote the plan for “{question.text}” to {written}.")
    return EXIT_OK


def _fail(sentence: str) -> int:
    print(f"studyapp: {sentence}", file=sys.stderr)
    return EXIT_FAILED


def _configure_logging(app_paths: paths.AppPaths) -> None:
    app_paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(app_paths.logs / "studyapp.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, logging.FileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def process_start_time() -> float:
    """When this process started, as time.time(); from /proc on Linux, else "now"."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = int(fields[19])  # field 22 (starttime), counted after the "(comm)" field
        with open("/proc/uptime", encoding="ascii") as uptime:
            up = float(uptime.read().split()[0])
        return time.time() - up + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()
