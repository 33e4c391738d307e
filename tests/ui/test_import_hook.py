"""PySide6 asks of every imported module whether it mentions "PySide6"; StudyApp answers by
reading the file's bytes instead of `inspect.getsource`, which kept every line in linecache."""

from __future__ import annotations

import linecache
import subprocess
import sys
import textwrap
from pathlib import Path

import studyapp.ui  # noqa: F401  (installs the lighter check)
from studyapp.ui import import_hook

HERE = Path(__file__).resolve()


def _check():  # type: ignore[no-untyped-def]
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def test_the_check_is_lightened_once() -> None:
    assert getattr(_check(), "lightened", False)
    assert import_hook.lighten_pyside_import_check() is False  # a second call changes nothing


def test_it_gives_pysides_own_answer(tmp_path: Path) -> None:
    import inspect
    import types

    uses = tmp_path / "uses_qt.py"
    uses.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    plain = tmp_path / "plain.py"
    plain.write_text("VALUE = 1\n", encoding="utf-8")
    for path, expected in ((uses, True), (plain, False)):
        module = types.ModuleType(path.stem)
        module.__file__ = str(path)
        assert _check()(module) is expected
        assert ("PySide6" in inspect.getsource(module)) is expected
    assert _check()(sys) is False  # built in: no file, PySide6's own check says no


def test_an_import_after_qt_leaves_no_source_in_linecache(tmp_path: Path) -> None:
    module = tmp_path / "imported_after_qt.py"
    module.write_text("from PySide6 import QtCore\nVALUE = 2\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys, linecache
        import studyapp.ui
        sys.path.insert(0, {str(tmp_path)!r})
        import imported_after_qt
        assert imported_after_qt.VALUE == 2
        print(any("imported_after_qt" in name for name in linecache.cache))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=HERE.parents[2])  # fmt: skip
    assert out.stdout.strip() == "False"
    assert not any("imported_after_qt" in name for name in linecache.cache)
