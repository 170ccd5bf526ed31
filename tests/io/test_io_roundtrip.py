"""The seed through every writer and back through the matching reader: all 6 tables and 53 indicators equal."""

from __future__ import annotations

from decimal import Decimal
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


CUT_IN_HEADER = """<html><head><meta charset="utf-8"><style>@page { size: A4; margin: 20mm }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC"; font-size: 11pt }
table { border-collapse: collapse; width: 100% } td { border: 0.6pt solid #000; padding: 2mm }
tr { break-inside: avoid }</style></head><body><p>附件</p><div style="height: 200mm"></div>
<h3>项目支出绩效目标表</h3><table>
<tr><td colspan="2">项目名称</td><td colspan="7">学生营养餐补助</td></tr>
<tr><td colspan="2">预算单位</td><td colspan="4">县教育局</td><td>项目负责人</td><td colspan="2">李四</td></tr>
<tr><td colspan="2" rowspan="3">项目资金（万元）</td><td colspan="2">年度预算总额</td><td colspan="5">1,500</td></tr>
<tr><td colspan="2">其中：财政拨款</td><td colspan="5">1,500</td></tr>
<tr><td colspan="2">其他资金</td><td colspan="5"></td></tr>
<tr><td colspan="2">年度总体目标</td><td colspan="7">为8000名学生提供营养餐。</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>指标值设置依据</td><td>上年完成值</td>
<td>指标分值权重</td><td>指标赋分规则</td><td>佐证资料</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>受益学生人数</td><td>≥8000人</td><td>计划标准</td><td>7900人</td><td>40</td>
<td>按照完成比例赋分</td><td>工作资料</td></tr>
<tr><td>成本指标</td><td>经济成本指标</td><td>每生每天补助标准</td><td>＝5元</td><td>预算支出标准</td><td>5元</td><td>20</td>
<td>直接赋分</td><td>原始资料</td></tr>
</table></body></html>"""


def test_a_word_style_table_cut_in_its_header_block_reads_as_one(tmp_path: Path) -> None:
    # Page 1 holds only the 项目名称 and 预算单位 rows (four column positions); page 2 the rest (nine).
    import weasyprint

    path = tmp_path / "cut.pdf"
    weasyprint.HTML(string=CUT_IN_HEADER).write_pdf(str(path))
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2 and "学生营养餐补助" in (pdf.pages[0].extract_text() or "")
    (table,) = read(path)
    assert (table.project_name, table.budget_unit, table.project_lead) == ("学生营养餐补助", "县教育局", "李四")
    assert (table.funding.total, table.overall_goal) == (Decimal(1500), "为8000名学生提供营养餐。")
    assert [(i.level1, i.name, i.weight) for i in table.indicators] == [
        ("产出指标", "受益学生人数", Decimal(40)),
        ("成本指标", "每生每天补助标准", Decimal(20)),
    ]
