"""The Qt user interface. The only layer that imports Qt; it never writes SQL."""

import PySide6  # noqa: F401  (installs shiboken's import hook, lightened right away)

from studyapp.ui.import_hook import lighten_pyside_import_check

lighten_pyside_import_check()
