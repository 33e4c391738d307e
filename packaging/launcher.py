"""The script PyInstaller freezes: the same entry point as the `studyapp` command."""

from __future__ import annotations

import sys

from studyapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
