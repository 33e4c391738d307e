"""Hostile packs: refused with one sentence naming the place, the database byte-for-byte as it
was. Special files (devices, pipes, sockets, folders, links to them) are never read."""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from studyapp.cli import main
from studyapp.packs import loader
from studyapp.packs.loader import bundled_pack_path, load_pack
from studyapp.ui.tabs import TABS
from tests.conftest import bundled_pack
from tests.reliability.conftest import folder_listing

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def _nested(depth: int) -> bytes:
    pack = bundled_pack()
    section = pack["note_sections"][0]
    for _ in range(depth):  # sections inside sections, deeper than any syllabus
        child = {"key": f"k{_}", "title": "t", "items": [], "sections": []}
        section.setdefault("sections", []).append(child)
        section = child
    return json.dumps(pack).encode("utf-8")


def _with_text(value: str) -> bytes:
    pack = bundled_pack()
    pack["events"][4]["title"] = value
    return json.dumps(pack).encode("utf-8")


def _symlinked_zip(tmp_path: Path) -> Path:
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("pack.json")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    return path


# (name, file content, expected fragment of the sentence)
HOSTILE_CONTENT = [
    ("nested 250 deep", _nested(125), "sections[0].sections[0]: is nested more than 32 deep"),
    ("nested 100 000 deep", b"[" * 100_000 + b"]" * 100_000, "at $[0][0][0]"),
    ("NUL in text", _with_text("Munich\x00"), "at $.events[4].title: holds the control "
                                             "character U+0000"),
    ("escape in text", _with_text("Munich\x1b[31m"), "U+001B"),
    ("DEL in text", _with_text("Munich\x7f"), "U+007F"),
    ("carriage return", _with_text("Munich\r"), "U+000D"),
    ("lone surrogate", b'{"format_version": 1, "pack": "\\udc00"}', "at $.pack: holds a broken"),
    ("unterminated string", b'{"pack": "Munich', "(Unterminated string starting at line 1, "),
    ("NaN", b'{"format_version": NaN}', "NaN is not allowed"),
    ("duplicate key", b'{"a": 1, "a": 2}', "appears twice"),
    ("not UTF-8", b"\xff\xfe\x00junk", "is not UTF-8"),
]


@pytest.fixture
def before(app_paths):
    """The data folder after a first-run import, as bytes: nothing may change it."""
    assert main(["import", str(bundled_pack_path())]) == 0
    return folder_listing(app_paths.data)


def _refused(app_paths, before, path: Path, capsys) -> str:
    capsys.readouterr()
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("studyapp: ") and err.count("\n") == 1, err
    assert "unexpectedly" not in err and "at at" not in err
    after = {k: v for k, v in folder_listing(app_paths.data).items() if not k.startswith("logs")}
    assert after == {k: v for k, v in before.items() if not k.startswith("logs")}
    return err


@pytest.mark.parametrize(("name", "content", "expected"), HOSTILE_CONTENT,
                         ids=[case[0] for case in HOSTILE_CONTENT])  # fmt: skip
def test_hostile_content_is_refused_naming_the_place(app_paths, before, tmp_path, capsys, name,
                                                     content, expected):  # fmt: skip
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    assert expected in _refused(app_paths, before, path, capsys)


def test_a_pack_of_ordinary_depth_with_tabs_and_newlines_is_accepted(tmp_path):
    path = tmp_path / "fine.json"
    path.write_bytes(_with_text("Munich\tagreement\nSeptember 1938"))
    assert load_pack(path)["events"][4]["title"] == "Munich\tagreement\nSeptember 1938"
    path.write_bytes(_nested(10))  # section trees a real syllabus might have
    load_pack(path)


@POSIX
@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_or_a_link_to_one_is_refused_without_reading_it(app_paths, before, tmp_path,
                                                                  capsys, target):  # fmt: skip
    link = tmp_path / "pack.json"
    link.symlink_to(target)
    err = _refused(app_paths, before, link, capsys)
    assert "is a device, not a file" in err
    assert "is a device" in _refused(app_paths, before, Path(target), capsys)


@POSIX
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(app_paths, before, tmp_path,
                                                              capsys):  # fmt: skip
    fifo = tmp_path / "pack.json"
    os.mkfifo(fifo)
    timer = threading.Timer(10, lambda: os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    timer.start()  # should the import block on the pipe, this unblocks it and the test fails
    try:
        assert "is a pipe, not a file" in _refused(app_paths, before, fifo, capsys)
    finally:
        timer.cancel()


@POSIX
def test_a_socket_a_folder_and_a_link_loop_are_refused(app_paths, before, tmp_path, capsys):
    sock_path = tmp_path / "s.json"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        assert "is a socket" in _refused(app_paths, before, sock_path, capsys)
    finally:
        server.close()
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert "is a folder" in _refused(app_paths, before, folder, capsys)
    loop = tmp_path / "loop.json"
    loop.symlink_to(tmp_path / "loop2.json")
    (tmp_path / "loop2.json").symlink_to(loop)
    assert "cannot be read" in _refused(app_paths, before, loop, capsys)


def test_a_link_to_a_good_pack_is_followed(tmp_path):
    link = tmp_path / "linked.json"
    link.symlink_to(bundled_pack_path())
    assert load_pack(link)["pack"]["id"] == "stalin-foreign-policy"


def test_the_size_limit_applies_while_reading_not_after(app_paths, before, tmp_path, capsys,
                                                         monkeypatch):  # fmt: skip
    """A file whose `stat` size is small but which grows while read (or lies) is cut off
    at the limit: only the limit plus one chunk is ever held in memory."""
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (2 * 1024 * 1024))
    monkeypatch.setattr(loader, "MAX_PACK_BYTES", 1024 * 1024)
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: os.stat_result(
        (real_stat(self, **kw).st_mode, *[0] * 9)))  # every size reads as 0  # fmt: skip
    assert "more than a pack can be" in _refused(app_paths, before, big, capsys)


def test_a_zip_member_that_is_a_link_is_refused(app_paths, before, tmp_path, capsys):
    assert "is a link, not a file" in _refused(app_paths, before, _symlinked_zip(tmp_path),
                                               capsys)  # fmt: skip


def test_a_hostile_pack_changes_nothing_through_the_window_either(qtbot, app_paths, tmp_path):
    """The window's File ▸ Import refuses the same way, with the database unchanged."""
    from PySide6.QtWidgets import QMessageBox

    from studyapp.ui.main_window import MainWindow

    win = MainWindow(app_paths)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.database is not None and len(win.tabs) == len(TABS), timeout=15_000)
    try:
        before = app_paths.database.read_bytes()
        path = tmp_path / "nul.json"
        path.write_bytes(_with_text("Munich\x00"))
        shown: list[str] = []
        original = QMessageBox.warning
        QMessageBox.warning = staticmethod(lambda parent, title, text: shown.append(text))
        try:
            win.import_pack(path)
        finally:
            QMessageBox.warning = original
        assert len(shown) == 1 and "U+0000" in shown[0]
        assert app_paths.database.read_bytes() == before
    finally:
        win.close_database()
