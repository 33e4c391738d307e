"""The layers stay apart: Qt only in the UI, SQL only in the database layer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports)], cwd=REPO, capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:]
    pyproject = (REPO / "pyproject.toml").read_text("utf-8")
    contracts = pyproject.count("[[tool.importlinter.contracts]]")
    assert f"Contracts: {contracts} kept, 0 broken" in result.stdout


def test_start_up_does_not_import_heavy_libraries_it_does_not_need():
    """`studyapp --version` and the CLI parser must not pull in Qt, SQLAlchemy or edtf."""
    code = (
        "import sys; from studyapp.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('PySide6', 'sqlalchemy', 'edtf', 'jsonschema', 'alembic') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)  # fmt: skip
    assert result.stdout.strip() == "[]"


def test_the_first_screen_defines_no_dataclass():
    """Every module the window and the first tab import before the rows are painted defines its
    records as named tuples: a frozen dataclass costs about 0.8 ms to define (its methods are
    generated as source and compiled), a named tuple about 0.1 ms. 19 of them cost the first
    screen some 25 ms."""
    code = (
        "import sys; import studyapp.cli, studyapp.ui.app, studyapp.ui.main_window, "
        "studyapp.ui.loader, studyapp.ui.operations, studyapp.ui.timeline.tab; "
        "print('dataclasses' in sys.modules)"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120, env=env)  # fmt: skip
    assert result.stdout.strip() == "False"


def test_the_main_window_only_assembles():
    lines = (REPO / "studyapp" / "ui" / "main_window.py").read_text("utf-8").count("\n")
    assert lines < 300
