"""List the tab screenshots in the AppStream file, once they have a home on the web.

    .venv/bin/python packaging/metainfo_screenshots.py https://example.org/studyapp/screenshots/

AppStream accepts only web (https) URLs for screenshots and the project has no public home
yet, so the metainfo in the repository lists none. Publish resources/screenshots/ somewhere,
run this with that address, and commit the result: it writes one <screenshot> per tab (the
light theme; the Timeline first, as the default) into the <screenshots> element, replacing any
that are there. `appstreamcli validate` checks the result (tests/packaging/test_desktop.py).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
METAINFO = RESOURCES / "org.studyapp.StudyApp.metainfo.xml"
CAPTIONS = {
    "timeline": "The timeline: every key date, with how precise each date is",
    "notes": "Phase notes, with the student's annotations and what they have learnt",
    "factors": "War-victory factors, ranked, rated and justified",
    "arguments": "The argument builder: points for and against, with their evidence",
    "review": "Reviewing dates and quotes on spaced-repetition cards",
}


def screenshots_xml(base_url: str) -> str:
    if not base_url.startswith("https://"):
        raise ValueError("AppStream wants screenshots at an https:// address")
    base = base_url.rstrip("/")
    shots = []
    for index, (name, caption) in enumerate(CAPTIONS.items()):
        kind = ' type="default"' if index == 0 else ""
        shots.append(f"    <screenshot{kind}>\n      <caption>{caption}</caption>\n"
                     f'      <image type="source" width="1280" height="800">'
                     f"{base}/{name}-light.png</image>\n    </screenshot>\n")  # fmt: skip
    return "  <screenshots>\n" + "".join(shots) + "  </screenshots>\n"


def with_screenshots(metainfo: str, base_url: str) -> str:
    """The metainfo text with its <screenshots> (new, or in place of the old ones)."""
    block = screenshots_xml(base_url)
    if "<screenshots>" in metainfo:
        return re.sub(r"  <screenshots>.*?</screenshots>\n", lambda _m: block, metainfo,
                      flags=re.DOTALL)  # fmt: skip
    return metainfo.replace("  <content_rating", block + "  <content_rating", 1)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    METAINFO.write_text(with_screenshots(METAINFO.read_text("utf-8"), argv[0]), "utf-8")
    print(f"Listed {len(CAPTIONS)} screenshots in {METAINFO.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
