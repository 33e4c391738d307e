"""StudyApp never uses the network: a whole first start (migrations, the bundled pack, the
window with every tab) opens no internet socket and looks up no host name.

Python-level socket use is caught by an audit hook; sockets opened by native code (Qt) are
caught on Linux by matching the process's open descriptors against /proc/net's inet tables
(which list a socket once it is bound or connected, i.e. once it could carry traffic).
Local (AF_UNIX) sockets are allowed: the display connection, D-Bus, the single-instance socket.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = r"""
import json, os, socket, sys

used = []

def hook(event, args):
    if event == "socket.__new__" and args[1] != socket.AF_UNIX:
        used.append(f"{event} family={args[1]!r}")
    elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        if not isinstance(args[1], (str, bytes)):
            used.append(f"{event} {args[1]!r}")
    elif event.startswith(("socket.gethostby", "socket.getaddrinfo", "socket.getnameinfo",
                           "urllib.Request", "http.client.", "ftplib.", "smtplib.")):
        used.append(f"{event} {args!r}")

def inet_descriptors():
    if not os.path.isdir("/proc/self/fd"):
        return []
    inodes = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        try:
            with open(f"/proc/net/{table}") as lines:
                inodes.update(line.split()[9] for line in list(lines)[1:])
        except FileNotFoundError:
            pass
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:[") and link[8:-1] in inodes:
            found.append(f"open inet socket on fd {fd}")
    return found

sys.addaudithook(hook)
from studyapp.cli import main

code = main(["--startup-report"])
print(json.dumps({"exit": code, "network": used + inet_descriptors()}))
"""


def test_a_first_start_uses_no_network(tmp_path):
    env = {**os.environ, "STUDYAPP_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120,
        check=False,
    )  # fmt: skip
    lines = result.stdout.strip().splitlines()
    assert lines and lines[0].startswith("first_paint_ms="), result.stdout + result.stderr
    outcome = json.loads(lines[-1])
    assert outcome == {"exit": 0, "network": []}, result.stderr
    assert (tmp_path / "home" / "studyapp.db").is_file()


def test_the_probe_notices_network_use(tmp_path):
    """The check above can fail: the same probe flags a lookup and an open inet socket."""
    probe = PROBE.replace(
        "from studyapp.cli import main",
        "import socket as s\nkept = s.socket(s.AF_INET, s.SOCK_DGRAM)\n"
        "kept.bind(('127.0.0.1', 0))\n"
        "try:\n    s.getaddrinfo('localhost', 80)\nexcept OSError:\n    pass\n"
        "def main(argv):\n    print('first_paint_ms=0 data_ready_ms=0')\n    return 0",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    network = json.loads(result.stdout.strip().splitlines()[-1])["network"]
    assert any(use.startswith("socket.__new__") for use in network), network
    assert any(use.startswith("socket.getaddrinfo") for use in network), network
    if sys.platform.startswith("linux"):
        assert any(use.startswith("open inet socket") for use in network), network


OPENSSL_PROBE = r"""
import sys
import studyapp.cli as cli

def report(code):
    import hashlib  # as the app would, once started

    loaded = sorted(name for name in ("ssl", "_ssl", "_hashlib") if sys.modules.get(name))
    maps = open("/proc/self/maps").read() if sys.platform == "linux" else ""
    libraries = sorted({n for n in ("libssl", "libcrypto") if n in maps})
    print("loaded", loaded, "libraries", libraries, "sha256", hashlib.sha256(b"x").hexdigest()[:8])
    sys.stdout.flush()
    real_exit(code)

real_exit, cli.fast_exit = cli.fast_exit, report
sys.argv = ["studyapp", "--startup-report"]
cli.main()  # as the `studyapp` command runs it: argv None, the process is the app
"""


def test_the_app_keeps_openssl_out_and_still_hashes(tmp_path):
    """No TLS is ever needed (above), so asyncio's `ssl` and hashlib's OpenSSL stay unloaded
    in the app's process (cli.keep_openssl_out); hashlib still gives the standard digests."""
    env = {**os.environ, "STUDYAPP_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", OPENSSL_PROBE], capture_output=True,
                            text=True, env=env, timeout=120, check=False)  # fmt: skip
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert last == "loaded [] libraries [] sha256 2d711642", result.stdout + result.stderr
