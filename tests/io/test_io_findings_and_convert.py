"""Review findings on written tables (comments, a findings sheet) and the `jixiao convert` command."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import docx
import pdfplumber
from docx.oxml.ns import qn
from io_expected import SEED, differences
from io_support import read_seed
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao import read
from jixiao.cli.app import app
from jixiao.findings import Finding, Location, Severity
from jixiao.io.writers import write
from jixiao.io.writers.html import render_html
from jixiao.review import review

MISSING_TARGET = Finding(
    code="JX-C001",
    severity=Severity.ERROR,
    title="三级指标缺少指标值",
    message="产出指标/数量指标/支持项目数量 的指标值为空",
    location=Location(indicator="支持项目数量", field="target"),
    citation="财预〔2021〕101号",
)
VAGUE_GOAL = Finding(
    code="JX-S002",
    severity=Severity.WARNING,
    title="年度总体目标不具体",
    message="年度总体目标没有写明数量",
    location=Location(field="overall_goal"),
)


def test_findings_become_cell_comments_and_a_sheet(tmp_path: Path) -> None:
    seed_tables = list(read_seed())
    path = write(seed_tables[:2], tmp_path / "reviewed.xlsx", findings=[[MISSING_TARGET, VAGUE_GOAL], []])
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet["D10"].value == "10个"  # 支持项目数量's 指标值
    assert sheet["D10"].comment is not None and "[JX-C001] 错误：三级指标缺少指标值" in sheet["D10"].comment.text
    assert sheet["C7"].comment is not None and "JX-S002" in sheet["C7"].comment.text  # the goal
    findings = workbook["审核意见"]
    assert [c.value for c in findings[1]][:4] == ["项目名称", "代码", "级别", "问题"]
    assert [c.value for c in findings[2]][:6] == [
        "国有资本经营预算项目",
        "JX-C001",
        "错误",
        "三级指标缺少指标值",
        "产出指标/数量指标/支持项目数量 的指标值为空",
        "支持项目数量",
    ]
    assert findings.max_row == 3
    read_back = read(path)  # comments and the findings sheet do not disturb reading
    assert [(t.project_name, len(t.indicators)) for t in read_back] == [
        (t.project_name, 12 if i == 0 else 8) for i, t in enumerate(seed_tables[:2])
    ]


def test_findings_in_html_and_docx(tmp_path: Path) -> None:
    seed_tables = list(read_seed())
    page = render_html(seed_tables[:1], findings=[[MISSING_TARGET]])
    assert 'class="data finding" title="[JX-C001] 三级指标缺少指标值">10个</td>' in page
    assert "<h1>审核意见</h1>" in page
    path = write(seed_tables[:1], tmp_path / "reviewed.docx", findings=[[MISSING_TARGET]])
    last = docx.Document(str(path)).tables[-1]
    assert [cell.text for cell in last.rows[1].cells][:2] == ["国有资本经营预算项目", "JX-C001"]
    assert last.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the list's header repeats on each page
    assert [column.width for column in last.columns][4] > 4 * last.columns[2].width  # 说明 wide, 级别 narrow
    findings_part = page[page.index("<h1>审核意见</h1>") :]
    assert '<colgroup><col style="width:13.5%"><col style="width:6.8%"><col style="width:4.3%">' in findings_part


def test_convert_between_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    xlsx = tmp_path / "seed.xlsx"
    result = runner.invoke(app, ["convert", str(SEED), str(xlsx)])
    assert result.exit_code == 0 and "已写出 6 张目标表" in result.output
    out = tmp_path / "seed-copy"
    result = runner.invoke(app, ["convert", str(xlsx), str(out), "--to", "json"])
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["tables"]) == 6
    assert differences(read(out)) == []


def test_convert_refuses_unknown_output_and_same_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["convert", str(SEED), str(tmp_path / "seed.odt")])
    assert result.exit_code == 2 and "不支持的输出格式" in result.output
    copy = tmp_path / "seed.txt"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["convert", str(copy), str(copy)])
    assert result.exit_code == 2 and "相同" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.txt"]


def test_a_finding_points_at_its_own_row_when_two_indicators_share_a_name(tmp_path: Path) -> None:
    table = read_seed()[0]
    first, second = table.indicators[0], table.indicators[1]
    twins = dataclasses.replace(
        table, indicators=(first, dataclasses.replace(second, name=first.name), *table.indicators[2:])
    )
    assert second.source.row is not None
    finding = dataclasses.replace(
        MISSING_TARGET, location=Location(indicator=first.name, field="target", row=second.source.row)
    )
    path = write([twins], tmp_path / "twins.xlsx", findings=[[finding]])
    sheet = load_workbook(path).worksheets[0]
    assert sheet["D9"].comment is None and sheet["D10"].comment is not None  # the second 支持国有企业户数


def test_convert_with_review_writes_the_findings(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "reviewed.xlsx"
    result = runner.invoke(app, ["convert", str(SEED), str(out), "--review"])
    assert result.exit_code == 0, result.output
    reports = [review(table) for table in read(SEED)]
    counts = [sum(len(r.by_severity(s)) for r in reports) for s in Severity]
    assert f"审核意见：错误 {counts[0]}，警告 {counts[1]}，提示 {counts[2]}" in result.output
    workbook = load_workbook(out)
    sheet, findings = workbook.worksheets[0], workbook["审核意见"]
    assert findings.max_row == 1 + sum(counts)
    assert sheet["D11"].value == "45%" and "[JX-R001] 警告：正向指标值低于上年完成值" in sheet["D11"].comment.text
    first = [cell.value for cell in findings[2]]
    assert first[:3] == ["国有资本经营预算项目", "JX-R001", "警告"] and first[5:7] == ["项目完工进度（%）", "指标值"]
    result = runner.invoke(app, ["convert", str(SEED), str(out), "--review", "--select", "JX-M"])
    assert result.exit_code == 0
    assert {cell.value for cell in load_workbook(out)["审核意见"]["B"][1:]} == {"JX-M003", "JX-M006"}


def test_convert_with_review_refuses_formats_without_a_place_for_findings(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["convert", str(SEED), str(tmp_path / "seed.json"), "--review"])
    assert result.exit_code == 2 and "--review" in result.output
    assert list(tmp_path.iterdir()) == []


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        path = write(read_seed()[:1], tmp_path / "seed.docx")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not 0600, so colleagues and web servers can read it
        path.chmod(0o640)
        write(read_seed()[:1], path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640  # a replaced file keeps its mode
    finally:
        os.umask(previous)


def test_a_reviewed_pdf_has_extractable_chinese_findings(tmp_path: Path) -> None:
    out = tmp_path / "reviewed.pdf"
    result = CliRunner().invoke(app, ["convert", str(SEED), str(out), "--review", "--select", "JX-C003"])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as pdf:
        last = pdf.pages[-1].extract_text() or ""
    assert "(cid:" not in last and "审核意见" in last
    assert last.count("JX-C003") == 3 and "缺少必备的一级指标" in last and "财预〔2021〕101号" in last
