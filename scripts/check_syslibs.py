"""Make sure the system libraries a target needs are present; install them with apt when root.

python scripts/check_syslibs.py pango tesseract chromium poppler redis-server pgclient
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys


def _has_font(lang: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", f":lang={lang}", "family"], capture_output=True, text=True, check=False)
    return bool(out.stdout.strip())


NEEDS = {
    # name: (present?, Debian packages)
    "pango": (
        lambda: ctypes.util.find_library("pango-1.0") and ctypes.util.find_library("pangoft2-1.0"),
        ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"],
    ),
    # The letters' language-assistance page prints taglines in Chinese, Korean, Japanese, Hindi and Arabic.
    "letterfonts": (
        lambda: _has_font("zh") and _has_font("hi") and _has_font("ko"),
        ["fonts-noto-cjk", "fonts-noto-core"],
    ),
    "chromium": (lambda: shutil.which("chromium"), ["chromium"]),
    "poppler": (lambda: shutil.which("pdftotext"), ["poppler-utils"]),
    # The fault tests (tests/faults/) start their own redis-server; the restore drill runs pg_dump/pg_restore.
    "redis-server": (lambda: shutil.which("redis-server"), ["redis-server"]),
    "pgclient": (lambda: shutil.which("pg_dump") and shutil.which("pg_restore"), ["postgresql-client"]),
    # OCR of faxed/scanned record pages: Tesseract with English data, and pdftoppm to render pages
    "tesseract": (
        lambda: shutil.which("tesseract") and shutil.which("pdftoppm") and _has_eng(),
        ["tesseract-ocr", "tesseract-ocr-eng", "poppler-utils"],
    ),
}


def _has_eng() -> bool:
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "eng" in out.stdout.split()


def main(names: list[str]) -> int:
    missing = [n for n in names if not NEEDS[n][0]()]
    if not missing:
        return 0
    packages = [p for n in missing for p in NEEDS[n][1]]
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing {', '.join(packages)} with apt-get ...", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        result = subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=False)
        if result.returncode == 0 and all(NEEDS[n][0]() for n in missing):
            return 0
    print(
        f"Missing system libraries for {', '.join(missing)}. Install them, e.g.:\n"
        f"    sudo apt-get install -y {' '.join(packages)}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
