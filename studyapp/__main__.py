"""`python -m studyapp` runs the same entry point as the `studyapp` command."""

from __future__ import annotations

import sys

from studyapp.cli import main

sys.exit(main())
