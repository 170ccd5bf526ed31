"""Fixtures of the format tests: the seed read once, written once per format, converted once by LibreOffice."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao import read
from jixiao.io.writers import write
from jixiao.model import TargetTable

from .expected import SEED

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def seed_tables() -> list[TargetTable]:
    return read(SEED)


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory, seed_tables: list[TargetTable]) -> dict[str, Path]:
    """The seed written once in every format: format → file."""
    folder = tmp_path_factory.mktemp("written")
    return {
        name: write(seed_tables, folder / f"seed.{name}") for name in ("xlsx", "docx", "html", "pdf", "json", "txt")
    }


def long_table(tables: list[TargetTable]) -> TargetTable:
    """One table holding all 53 seed indicators: too long for one printed page."""
    indicators = tuple(indicator for table in tables for indicator in table.indicators)
    return dataclasses.replace(tables[2], indicators=indicators)


def _soffice(folder: Path, *args: str) -> None:
    command = [SOFFICE or "soffice", "--headless", f"-env:UserInstallation=file://{folder / 'profile'}", *args]
    subprocess.run(command, cwd=folder, check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory, seed_tables: list[TargetTable]) -> dict[str, Path]:
    """Our xlsx converted by LibreOffice, as government offices publish it: name → file.

    ``pdf`` and ``long.pdf`` (calc → PDF), ``html`` (calc → HTML), ``docx`` (that HTML → Word by writer),
    ``xls`` (calc → Excel 97). Converted once per test session; skipped when LibreOffice is absent.
    """
    if SOFFICE is None:
        if os.environ.get("JIXIAO_REQUIRE_SOFFICE"):
            pytest.fail("JIXIAO_REQUIRE_SOFFICE is set but LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc libreoffice-writer")
    folder = tmp_path_factory.mktemp("libreoffice")
    write(seed_tables, folder / "seed.xlsx")
    write([long_table(seed_tables)], folder / "long.xlsx")
    _soffice(folder, "--convert-to", "pdf", "seed.xlsx", "long.xlsx")
    _soffice(folder, "--convert-to", "html", "seed.xlsx")
    _soffice(folder, "--convert-to", "xls:MS Excel 97", "seed.xlsx")
    (folder / "word").mkdir()
    _soffice(
        folder, "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir", "word", "seed.html"
    )
    return {
        "pdf": folder / "seed.pdf",
        "long.pdf": folder / "long.pdf",
        "html": folder / "seed.html",
        "xls": folder / "seed.xls",
        "docx": folder / "word" / "seed.docx",
    }
