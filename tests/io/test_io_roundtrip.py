"""The seed through every writer and back through the matching reader: all 6 tables and 53 indicators equal."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from io_expected import SEED, differences
from io_support import libreoffice_files, read_seed, write_seed

from jixiao import read
from jixiao.model import Indicator
from jixiao.reading import format_of

FORMATS = ("xlsx", "docx", "html", "pdf", "json", "txt")


def test_the_seed_itself_matches_expected() -> None:
    seed_tables = list(read_seed())
    assert differences(seed_tables) == []
    assert sum(len(table.indicators) for table in seed_tables) == 53


@pytest.mark.parametrize("name", FORMATS)
def test_seed_round_trips_through_each_format(name: str) -> None:
    written = write_seed()
    tables = read(written[name])
    assert differences(tables) == []


@pytest.mark.parametrize("name", FORMATS)
def test_round_trip_keeps_what_expected_tsv_does_not_list(name: str) -> None:
    written = write_seed()
    seed_tables = list(read_seed())
    tables = read(written[name])
    for before, after in zip(seed_tables, tables, strict=True):
        assert after.title == before.title == "项目支出绩效目标表"
        assert [i.scoring_rule for i in after.indicators] == [i.scoring_rule for i in before.indicators]
        assert [i.target.text if i.target else None for i in after.indicators] == [
            i.target.text if i.target else None for i in before.indicators
        ]
    assert "新疆维吾尔自治区人民政府国有资产监督管理委员会" in (tables[0].budget_unit or "")


@pytest.mark.parametrize("name", FORMATS)
def test_format_is_sniffed_from_content_not_name(tmp_path: Path, name: str) -> None:
    written = write_seed()
    disguised = tmp_path / "download.dat"
    disguised.write_bytes(written[name].read_bytes())
    assert format_of(disguised) == {"txt": "text"}.get(name, name)
    assert differences(read(disguised)) == []


def test_every_pdf_written_has_extractable_chinese_text() -> None:
    written = write_seed()
    with pdfplumber.open(written["pdf"]) as pdf:
        first = pdf.pages[0]
        assert (round(first.width), round(first.height)) == (842, 595)  # A4 landscape, in points
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "(cid:" not in text
    for phrase in (
        "项目支出绩效目标表",
        "国有资本经营预算项目",
        "支持国有企业户数",
        "满意度赋分",
        "农业信贷担保费补助",
    ):
        assert phrase in text


@pytest.mark.parametrize("name", ["pdf", "html", "docx", "xls"])
def test_libreoffice_conversions_of_our_xlsx_read_back(name: str) -> None:
    libreoffice = libreoffice_files()
    assert differences(read(libreoffice[name])) == []


def test_a_table_split_across_pages_reads_as_one() -> None:
    libreoffice = libreoffice_files()
    seed_tables = list(read_seed())
    with pdfplumber.open(libreoffice["long.pdf"]) as pdf:
        assert len(pdf.pages) >= 2
    tables = read(libreoffice["long.pdf"])
    assert len(tables) == 1

    def summary(indicator: Indicator) -> tuple[object, ...]:
        target = indicator.target.text if indicator.target else None
        return (indicator.level1, indicator.level2, indicator.name, target, indicator.weight, indicator.evidence)

    got = [summary(indicator) for indicator in tables[0].indicators]
    assert got == [summary(indicator) for table in seed_tables for indicator in table.indicators]
    assert len(got) == 53


def test_a_table_split_across_weasyprint_pages_reads_as_one() -> None:
    written = write_seed()
    with pdfplumber.open(written["pdf"]) as pdf:
        assert len(pdf.pages) > 6  # some of the six tables run over a page
    assert SEED.exists()
    assert [len(t.indicators) for t in read(written["pdf"])] == [12, 8, 7, 8, 9, 9]
