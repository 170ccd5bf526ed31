"""Shared data of the format tests: the seed read once, written once per format, converted once by LibreOffice.

The work is cached per test session in plain functions the tests call. Kept out of a ``conftest.py`` so
that ``tests/conftest.py`` stays the only module named ``conftest`` (other tests import from it).
"""

from __future__ import annotations

import atexit
import dataclasses
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest
from io_expected import SEED

from jixiao import read
from jixiao.io.writers import write
from jixiao.model import TargetTable

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FORMATS = ("xlsx", "docx", "html", "pdf", "json", "txt")


@cache
def _folder() -> Path:
    holder = tempfile.TemporaryDirectory(prefix="jixiao-io-tests-")
    atexit.register(holder.cleanup)
    return Path(holder.name)


@cache
def read_seed() -> tuple[TargetTable, ...]:
    return tuple(read(SEED))


@cache
def write_seed() -> dict[str, Path]:
    """The seed written once in every format: format → file."""
    folder = _folder() / "written"
    folder.mkdir()
    return {name: write(list(read_seed()), folder / f"seed.{name}") for name in FORMATS}


def long_table(tables: tuple[TargetTable, ...] | list[TargetTable]) -> TargetTable:
    """One table holding all 53 seed indicators: too long for one printed page."""
    indicators = tuple(indicator for table in tables for indicator in table.indicators)
    return dataclasses.replace(tables[2], indicators=indicators)


def _soffice(folder: Path, *args: str) -> None:
    command = [SOFFICE or "soffice", "--headless", f"-env:UserInstallation=file://{folder / 'profile'}", *args]
    subprocess.run(command, cwd=folder, check=True, capture_output=True, timeout=300)


@cache
def convert_with_libreoffice() -> dict[str, Path]:
    """Our xlsx converted by LibreOffice, as government offices publish it: name → file.

    ``pdf`` and ``long.pdf`` (calc → PDF), ``html`` (calc → HTML), ``docx`` (that HTML → Word by writer),
    ``xls`` (calc → Excel 97).
    """
    folder = _folder() / "libreoffice"
    folder.mkdir()
    tables = list(read_seed())
    write(tables, folder / "seed.xlsx")
    write([long_table(tables)], folder / "long.xlsx")
    _soffice(folder, "--convert-to", "pdf", "seed.xlsx", "long.xlsx")
    _soffice(folder, "--convert-to", "html", "seed.xlsx")
    _soffice(folder, "--convert-to", "xls:MS Excel 97", "seed.xlsx")
    (folder / "word").mkdir()
    to_word = ("--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir", "word")
    _soffice(folder, *to_word, "seed.html")
    return {
        "pdf": folder / "seed.pdf",
        "long.pdf": folder / "long.pdf",
        "html": folder / "seed.html",
        "xls": folder / "seed.xls",
        "docx": folder / "word" / "seed.docx",
    }


def libreoffice_files() -> dict[str, Path]:
    """LibreOffice's conversions; the test is skipped when it is absent, unless JIXIAO_REQUIRE_SOFFICE is set (CI)."""
    if SOFFICE is None:
        if os.environ.get("JIXIAO_REQUIRE_SOFFICE"):
            pytest.fail("JIXIAO_REQUIRE_SOFFICE is set but LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc libreoffice-writer")
    return convert_with_libreoffice()
