"""The `studyapp` command: the GUI by default, subcommands that make the data scriptable.

Errors reach the user as one sentence on stderr and a non-zero exit status, never a
traceback; the details go to the log file in the appdirs log folder. Heavy modules (Qt,
SQLAlchemy, jsonschema) are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from studyapp import __version__, paths

log = logging.getLogger("studyapp")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
STARTUP_REPORTS = ("full", "data")  # --startup-report=…: quit fully started, or at the data
WINDOW_OPTIONS = ("--startup-report", "--data-dir=")  # the options of a launch that opens
# the window; `--data-dir DIR` too (see `_opens_window`)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one sentence rather than a usage dump."""

    def error(self, message: str) -> NoReturn:
        if "invalid choice" in message:
            bad = message.split("'")[1] if "'" in message else message
            message = f"'{bad}' is not a StudyApp command (see studyapp --help)"
        self.exit(EXIT_USAGE, f"studyapp: {message}.\n")


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; `with_commands=False` leaves out the subcommands, for a launch
    that only opens the window (see `_parse`)."""
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
        nargs="?",
        const="full",
        choices=STARTUP_REPORTS,
        help="open the app, print first_paint_ms=… data_ready_ms=… edits_ready_ms=… once fully "
        "started (or, with 'data', once the first tab shows its rows), and exit",
    )
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    importer = commands.add_parser(
        "import", help="import a study pack (.json or .zip) or a TimelineJS file (.json or .csv)"
    )
    importer.add_argument("file", type=Path, metavar="FILE")
    commands.add_parser("check", help="check the database read-only; exit 0 when healthy")
    _add_backup_parser(commands)
    _add_search_parser(commands)
    from studyapp.cli_exports import add_export_commands

    add_export_commands(commands)
    return parser


def _add_backup_parser(commands) -> None:  # type: ignore[no-untyped-def]
    backup = commands.add_parser("backup", help="back up the database now, list or restore")
    choice = backup.add_mutually_exclusive_group()
    choice.add_argument("--list", action="store_true", help="list the backups, newest first")
    choice.add_argument("--restore", metavar="NAME", help="restore the backup called NAME")


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """A launch that only opens the window, written in full (`--data-dir DIR`,
    `--startup-report[=full|data]`), is read without argparse: a parser's first use costs 6–8 ms
    before the first paint (gettext's look-ups of the locale's translations), and building the
    subcommands' parsers 5–7 more. Any other window launch (an abbreviation, a mistake) gets the
    parser without subcommands, and anything else the whole parser, so every launch is
    answered exactly as argparse would (a test compares them)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    quick = _window_launch(arguments)
    if quick is not None:
        return quick
    return build_parser(with_commands=not _opens_window(arguments)).parse_args(arguments)


def _window_launch(arguments: list[str]) -> argparse.Namespace | None:
    """The window options written in full, each at most once; None for anything else."""
    options: dict[str, str] = {}
    rest = iter(arguments)
    for argument in rest:
        name, has_value, value = argument.partition("=")
        if name in options or name not in ("--data-dir", "--startup-report"):
            return None
        if name == "--data-dir" and not has_value:
            value = next(rest, "")
        elif name == "--startup-report":
            value = value if has_value else "full"
        options[name] = value
    folder, report = options.get("--data-dir"), options.get("--startup-report")
    if folder is not None and (not folder or folder.startswith("-")):
        return None  # argparse words that mistake
    if report not in (None, *STARTUP_REPORTS):
        return None
    return argparse.Namespace(data_dir=folder, startup_report=report, command=None)


def _opens_window(arguments: list[str]) -> bool:
    rest = iter(arguments)
    for argument in rest:
        if argument == "--data-dir":
            if next(rest, None) is None:
                return False  # missing its folder: the whole parser words that mistake
        elif not argument.startswith(WINDOW_OPTIONS):
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    started = process_start_time()
    args = _parse(argv)
    app_paths = paths.resolve(args.data_dir)
    try:
        # `check` only reads: it logs to the log folder when there is one, and creates nothing.
        _configure_logging(app_paths, create=args.command != "check")
    except OSError as error:
        if args.command is not None:
            return _fail(f"StudyApp cannot write to {app_paths.logs} ({error.strerror}).")
        # The window still opens (read-only, when the folder cannot be written to) and says so.
    if args.command == "import" and _is_timeline_file(args.file):
        return _run_safely(_import_timeline, app_paths, args.file)
    if args.command == "import":
        return _run_safely(_import, app_paths, args.file)
    if args.command == "check":
        return _run_safely(_check, app_paths)
    if args.command == "backup":
        return _run_safely(_backup, app_paths, args.list, args.restore)
    if args.command == "search":
        return _run_safely(_search, app_paths, args)
    if args.command == "export":
        from studyapp.cli_exports import run_export

        return _run_safely(run_export, app_paths, args)
    if argv is None:  # this process is the app (not a test calling main)
        keep_openssl_out()
    # No cyclic garbage collection until everything is loaded (ui.app.settle_garbage_collector).
    gc.disable()
    from studyapp.ui.app import run_gui, settle_garbage_collector

    try:
        code = run_gui(app_paths, started_at=started, startup_report=args.startup_report,
                       process_ends=argv is None)  # fmt: skip
    finally:
        settle_garbage_collector()  # whichever way the GUI ended, collection is back on
    if argv is None:  # this process is the app: its database is closed, nothing is left to do
        fast_exit(code)
    return code


def keep_openssl_out() -> None:
    """StudyApp works offline and never makes a network connection (see
    tests/packaging/test_no_network.py), so it has no use for TLS. Yet asyncio, which SQLAlchemy
    imports and never uses here, imports `ssl` when it can, and `hashlib` prefers OpenSSL's
    digests: together they load OpenSSL's libraries, about 4.8 MiB of the app's memory and 8 ms
    of its start. Marked absent, asyncio goes without TLS (as it is written to) and `hashlib`
    uses CPython's own digests, which give the same results; `_hashlib` is only marked absent
    when those are there (3.11 ships `_sha256`, 3.12 `_sha2`)."""
    import importlib.util

    sys.modules.setdefault("ssl", None)  # type: ignore[arg-type]
    if any(importlib.util.find_spec(name) for name in ("_sha256", "_sha2")):
        sys.modules.setdefault("_hashlib", None)  # type: ignore[arg-type]


def fast_exit(code: int) -> NoReturn:
    """End the process without the interpreter's teardown, which frees every object one by
    one (about 0.4 s after a session). Only once everything is written: the database is
    closed (and its clean-shutdown mark written), QSettings objects are synced as they go,
    and the log and standard streams are flushed here."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)


def _run_safely(command, *args) -> int:  # type: ignore[no-untyped-def]
    """Run a subcommand; expected failures become one sentence, surprises are logged."""
    from studyapp.db.backup import BackupError
    from studyapp.db.database import DatabaseOpenError
    from studyapp.db.integrity import NotADatabaseError
    from studyapp.db.locks import LockTimeoutError
    from studyapp.domain.errors import StudentError
    from studyapp.packs.loader import PackError

    try:
        return command(*args)
    except (DatabaseOpenError, PackError, BackupError, NotADatabaseError,
            LockTimeoutError, StudentError) as error:  # fmt: skip
        log.warning("%s", error)
        return _fail(str(error))
    except Exception as error:
        log.exception("Unexpected error in %s", command.__name__)
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return _fail(f"StudyApp failed unexpectedly ({reason}); details are in the log file.")


def _import(app_paths: paths.AppPaths, file: Path) -> int:
    from studyapp.db.database import open_database
    from studyapp.packs.loader import load_pack

    pack = load_pack(file)  # validated before the database is even opened, and only once
    database = open_database(app_paths)
    try:
        report = database.import_pack(file, pack=pack)  # backs up; waits its turn
    finally:
        database.close()
    print(report.summary())
    return EXIT_OK


def _is_timeline_file(file: Path) -> bool:
    from studyapp.packs.timelinejs import looks_like_timeline

    return looks_like_timeline(file)


def _import_timeline(app_paths: paths.AppPaths, file: Path) -> int:
    """A TimelineJS JSON or spreadsheet CSV, into the current topic."""
    from studyapp.db.database import open_database
    from studyapp.db.operations.base import perform
    from studyapp.db.services.topic import current_topic
    from studyapp.db.timeline_import import ImportTimeline
    from studyapp.domain.errors import StudentError
    from studyapp.packs.timelinejs import read_timeline_file

    try:
        timeline = read_timeline_file(file)  # checked before the database is even opened
        database = open_database(app_paths)
        try:
            topic = current_topic(database.session_factory)
            assert topic is not None  # open_database imports the bundled pack on first run
            outcome = perform(database.session_factory, ImportTimeline(topic.id, timeline))
        finally:
            database.close()
    except StudentError as refusal:
        return _fail(str(refusal))
    print(outcome.summary)
    return EXIT_OK


def _check(app_paths: paths.AppPaths) -> int:
    """Read-only: never creates, migrates or repairs anything, whatever it finds."""
    from studyapp.db.integrity import check_file

    result = check_file(app_paths.database)
    if not result.healthy:
        return _fail(result.sentence())
    print(result.sentence())
    return EXIT_OK


def _backup(app_paths: paths.AppPaths, list_only: bool, restore: str | None) -> int:
    """`backup` makes one now, `--list` lists them, `--restore NAME` puts one back."""
    from studyapp.db import backup
    from studyapp.db.locks import write_lock

    if list_only:
        for info in backup.list_backups(app_paths.backups):
            print(info.describe())
        return EXIT_OK
    if restore is not None:
        return _restore(app_paths, restore)
    with write_lock(app_paths.data):  # waits for a running import or backup to finish
        info = backup.backup_file(app_paths.database, app_paths.backups, "manual")
    print(f"Backed up to {info.path} ({backup.human_size(info.size)}).")
    return EXIT_OK


def _restore(app_paths: paths.AppPaths, name: str) -> int:
    from studyapp.db.backup import restore_backup
    from studyapp.db.locks import write_lock
    from studyapp.ui.instance import FolderLock

    folder = FolderLock(app_paths)  # held while restoring, so no window opens meanwhile
    if not folder.try_lock() and folder.held_elsewhere():
        return _fail(f"StudyApp is open on {app_paths.data}; close its window, then restore "
                     "the backup (or use File ▸ Restore from backup… in the window).")  # fmt: skip
    try:
        with write_lock(app_paths.data):
            report = restore_backup(app_paths.database, app_paths.backups, name)
    finally:
        folder.unlock()
    print(report.summary())
    return EXIT_OK


def _add_search_parser(commands: Any) -> None:
    searcher = commands.add_parser(
        "search", help="search every event, note, quote, factor and argument; one per line"
    )
    searcher.add_argument("text", nargs="?", default="", metavar="TEXT")
    searcher.add_argument("--topic", metavar="T", help="a topic id or part of its title "
                          "(without it, every topic; each line then ends with its topic)")
    searcher.add_argument(
        "--rebuild-index", action="store_true", help="rebuild the search index from your notes"
    )


def _search(app_paths: paths.AppPaths, args: argparse.Namespace) -> int:
    """Print kind, date, title and snippet of each result, tab-separated; none is not an error."""
    from studyapp.db.database import open_existing_database
    from studyapp.db.search import rebuild_search_index, search
    from studyapp.db.services.topic import find_topic, list_topics

    database = open_existing_database(app_paths)
    try:
        if args.rebuild_index:
            print(f"Search index rebuilt: {rebuild_search_index(database.session_factory)} items.")
            return EXIT_OK
        topic = find_topic(database.session_factory, args.topic).id if args.topic else None
        # Without --topic every topic is searched; with several, each line names its topic.
        titles = {t.id: t.title for t in list_topics(database.session_factory)}
        name_topic = topic is None and len(titles) > 1
        for result in search(database.session_factory, args.text, topic).results:
            fields = [result.kind.value, result.date_label, result.plain_title,
                      result.plain_snippet]  # fmt: skip
            if name_topic:
                fields.append(titles.get(result.topic_id, ""))
            print("\t".join(" ".join(field.split()) for field in fields))
    finally:
        database.close()
    return EXIT_OK


def _fail(sentence: str) -> int:
    print(f"studyapp: {sentence}", file=sys.stderr)
    return EXIT_FAILED


def _configure_logging(app_paths: paths.AppPaths, *, create: bool = True) -> None:
    if not create and not app_paths.logs.is_dir():
        return  # a read-only command on a folder with no log folder: nothing to create
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
