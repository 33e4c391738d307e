"""Files that ship with every release agree with the app: one version, icons at every size."""

from __future__ import annotations

import re
import struct
import tomllib
from pathlib import Path

from studyapp import __version__
from studyapp.resources import resource_file

REPO = Path(__file__).resolve().parents[2]


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", png[16:24])


def test_every_release_file_carries_the_app_version():
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["version"] == __version__
    inno = (REPO / "packaging" / "windows" / "studyapp.iss").read_text("utf-8")
    assert re.search(r'^#define AppVersion "([^"]+)"$', inno, re.M)[1] == __version__  # type: ignore[index]


def test_the_png_icons_have_the_size_their_name_says():
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert png_size(resource_file(f"icons/studyapp-{size}.png").read_bytes()) == (size, size)


def test_the_windows_icon_holds_every_size_from_16_to_256():
    data = resource_file("icons/studyapp.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for index in range(count):
        entry = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        width, height, length, offset = entry[0], entry[1], entry[6], entry[7]
        image = data[offset : offset + length]
        assert png_size(image) == (width or 256, height or 256)
        sizes.add(width or 256)
    assert sizes == {16, 24, 32, 48, 64, 128, 256}


def test_the_macos_icon_holds_every_retina_size():
    data = resource_file("icons/studyapp.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, position = {}, 8
    while position < len(data):
        kind, length = struct.unpack_from(">4sI", data, position)
        found[kind.decode()] = png_size(data[position + 8 : position + length])[0]
        position += length
    assert found == {"ic07": 128, "ic08": 256, "ic09": 512, "ic10": 1024,
                     "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512}  # fmt: skip
