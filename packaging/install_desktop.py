"""Put StudyApp in the Linux desktop's application menu for the current user (XDG folders).

    python packaging/install_desktop.py [--exec COMMAND] [--data-home DIR] [--uninstall]

Installs the .desktop entry (its Exec line pointing at COMMAND, by default the `studyapp`
beside this Python, e.g. `.venv/bin/studyapp`), the AppStream metainfo file and the icons
into $XDG_DATA_HOME (default ~/.local/share). `make install-desktop` runs it. For a bundle,
pass its executable: `--exec /path/to/StudyApp/studyapp`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from studyapp.resources import resource_file

DESKTOP = "studyapp.desktop"
METAINFO = "org.studyapp.StudyApp.metainfo.xml"
ICON_NAME = "studyapp"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def quote_exec(command: str) -> str:
    """One Exec argument quoted as the Desktop Entry spec asks, then escaped as a string value."""
    if _RESERVED.search(command):
        command = '"' + re.sub(r'(["`$\\])', r"\\\1", command) + '"'
    return command.replace("\\", "\\\\")


def targets(data_home: Path) -> dict[Path, Path]:
    """Installed file → the resource it is copied from (the .desktop is rewritten, not copied)."""
    hicolor = data_home / "icons" / "hicolor"
    files = {
        data_home / "applications" / DESKTOP: resource_file(DESKTOP),
        data_home / "metainfo" / METAINFO: resource_file(METAINFO),
        hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg": resource_file("icons/studyapp.svg"),
    }
    for size in PNG_SIZES:
        icon = hicolor / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        files[icon] = resource_file(f"icons/studyapp-{size}.png")
    return files


def install(data_home: Path, command: str) -> list[Path]:
    written = []
    for target, source in targets(data_home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.name == DESKTOP:
            entry = source.read_text("utf-8")
            entry = re.sub(r"(?m)^Exec=.*$", lambda _: f"Exec={quote_exec(command)}", entry)
            entry = re.sub(r"(?m)^TryExec=.*\n", "", entry)
            target.write_text(entry, "utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    _refresh_caches(data_home)
    return written


def uninstall(data_home: Path) -> list[Path]:
    removed = [target for target in targets(data_home) if target.exists()]
    for target in removed:
        target.unlink()
    _refresh_caches(data_home)
    return removed


def _refresh_caches(data_home: Path) -> None:
    """Let menus notice at once; desktops that lack these tools rescan on their own.

    The icon cache is refreshed only where one already exists: a new cache in the user's
    folder would hide icons that other programs install there later without refreshing it.
    """
    hicolor = data_home / "icons" / "hicolor"
    for tool, args, needed in (
        ("update-desktop-database", [str(data_home / "applications")], data_home / "applications"),
        ("gtk-update-icon-cache", ["--ignore-theme-index", str(hicolor)],
         hicolor / "icon-theme.cache"),
    ):  # fmt: skip
        if shutil.which(tool) and needed.exists():
            result = subprocess.run([tool, *args], capture_output=True, text=True, check=False)
            if result.returncode != 0:
                print(f"install_desktop: {tool} failed: {result.stderr.strip()}", file=sys.stderr)


def default_command() -> str:
    launcher = Path(sys.executable).with_name("studyapp")
    return str(launcher) if launcher.exists() else "studyapp"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exec", dest="command", default=default_command(),
                        help="the command the menu entry runs (default: %(default)s)")  # fmt: skip
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    parser.add_argument("--data-home", type=Path, default=Path(data_home),
                        help="the XDG data folder to fill (default: %(default)s)")  # fmt: skip
    parser.add_argument("--uninstall", action="store_true", help="remove what install added")
    args = parser.parse_args(argv)
    if args.uninstall:
        removed = uninstall(args.data_home)
        print(f"Removed {len(removed)} StudyApp desktop files from {args.data_home}.")
    else:
        written = install(args.data_home, args.command)
        print(f"Installed {len(written)} StudyApp desktop files into {args.data_home} "
              f"(menu entry runs {args.command}).")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
