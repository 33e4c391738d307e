"""StudyApp: an offline desktop revision app for history students."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "StudyApp"
APP_AUTHOR = "StudyApp"
