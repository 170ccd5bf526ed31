#!/usr/bin/env python3
"""Set up and run jixiao on a machine with only Python: `python3 dev.py run` or `python3 dev.py test`.

Both create `.venv` (once) and install jixiao with every extra into it. `run` starts the web app
(`jixiao serve`: migrate, load the demo data into an empty database, serve on http://127.0.0.1:8000);
`run parse FILE` and other arguments run that jixiao command instead. `accuracy` regenerates the reading accuracy
report over the transcribed real tables (docs/accuracy.md). `test` runs the whole test suite:
ruff (lint and format), mypy (strict, on the whole package: the web app with django-stubs) and pytest (the web tests on SQLite unless DATABASE_URL says otherwise).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"
#: Debian packages the PDF writer (WeasyPrint: Pango and a CJK font) needs; installed when running as root with apt.
SYSTEM_PACKAGES = ("fonts-noto-cjk", "libpango-1.0-0", "libpangoft2-1.0-0")


def sh(*args: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)  # type: ignore[call-overload]


def system_packages(packages: tuple[str, ...]) -> None:
    """Install Debian packages when we are root on a Debian-like system and they are missing."""
    if os.name == "nt" or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return
    missing = [p for p in packages if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if missing:
        sh("apt-get", "update", "-q")
        sh(
            "apt-get",
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            *missing,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )


def setup() -> None:
    if not (BIN / "python").exists():
        print(f"+ creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    pyproject = ROOT / "pyproject.toml"
    if not STAMP.exists() or STAMP.stat().st_mtime < pyproject.stat().st_mtime:
        sh(BIN / "python", "-m", "pip", "install", "-q", "-e", ".[all]")
        STAMP.touch()
    system_packages(SYSTEM_PACKAGES)


def run(args: list[str]) -> None:
    setup()
    command = args or ["serve"]
    sh(BIN / "jixiao", *command)


def test(args: list[str]) -> None:
    setup()
    sh(BIN / "ruff", "check", "src", "tests", "bench")
    sh(BIN / "ruff", "format", "--check", "src", "tests", "bench", "dev.py")
    sh(BIN / "mypy")
    sh(BIN / "pytest", *args)


def accuracy(_args: list[str]) -> None:
    """Regenerate the corpus section of docs/accuracy.md from the transcribed real tables in tests/data/corpus."""
    setup()
    sh(BIN / "python", "-m", "jixiao.accuracy", "tests/data/corpus", "--write", "docs/accuracy.md")


def main() -> None:
    commands = {"run": run, "test": test, "setup": lambda _args: setup(), "accuracy": accuracy}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    try:
        commands[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode or 1)


if __name__ == "__main__":
    main()
