"""Fill-in templates: the target template's dropdowns, validation and protection; filled, it reads back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from io_expected import DATA
from io_support import read_seed
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao import read, taxonomy
from jixiao.cli.app import app
from jixiao.io.writers.formulas import set_text
from jixiao.io.writers.template_selfeval import write_selfeval_template
from jixiao.io.writers.template_target import write_target_template
from jixiao.model import Operator


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "target.xlsx"
    write_target_template(path)
    return path


def validations(path: Path) -> dict[str, tuple[str, str | None, str | None, str | None]]:
    sheet = load_workbook(path).worksheets[0]
    return {
        str(v.sqref): (v.type, v.formula1, v.promptTitle, v.errorStyle) for v in sheet.data_validations.dataValidation
    }


def test_dropdowns_come_from_the_taxonomy(template: Path) -> None:
    found = validations(template)
    assert found["A10:A39"][:2] == ("list", '"' + ",".join(taxonomy.LEVEL1) + '"')
    assert found["B10:B39"][:2] == ("list", 'INDIRECT("二级_"&$A10)')
    assert found["E10:E39"][1] == '"' + ",".join(taxonomy.BASIS) + '"'
    assert found["H10:H39"][1] == '"' + ",".join(taxonomy.SCORING_RULES) + '"'
    assert found["I10:I39"][1] == '"' + ",".join(taxonomy.EVIDENCE) + '"'
    assert found["G10:G39"][:2] == ("decimal", "0")
    assert all(prompt for _, _, prompt, _ in found.values())  # every input column explains itself


def test_dependent_level2_lists_are_defined_names(template: Path) -> None:
    workbook = load_workbook(template)
    options = workbook["选项"]
    assert options.sheet_state == "hidden"
    reference = workbook.defined_names["二级_效益指标"].attr_text
    assert reference == "'选项'!$C$2:$C$5"
    assert [options.cell(r, 3).value for r in range(2, 6)] == list(taxonomy.NEW_FRAMEWORK["效益指标"])


def test_labels_are_locked_and_inputs_open_with_a_running_total(template: Path) -> None:
    sheet = load_workbook(template).worksheets[0]
    assert sheet.protection.sheet
    assert sheet["A2"].value == "项目名称" and sheet["A2"].protection.locked
    assert not sheet["C2"].protection.locked and not sheet["G10"].protection.locked
    assert sheet["A9"].value == "一级指标" and sheet["A9"].protection.locked
    assert sheet["G40"].value == "=SUM(G10:G39)"
    assert sheet.freeze_panes == "A10"


def test_a_filled_template_reads_back(template: Path, tmp_path: Path) -> None:
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    for address, value in {
        "C2": "社区养老服务补贴",
        "C3": "市民政局",
        "H3": "市养老服务指导中心",
        "C4": "市民政局",
        "H4": "李明",
        "E5": 560,
        "E6": 500,
        "E7": 60,
        "C8": "为全市80岁以上老人提供居家养老服务。",
    }.items():
        sheet[address] = value
    rows = [
        ("产出指标", "数量指标", "服务老人人数", "≥3000人", "计划标准", "2800人", 30, "按照完成比例赋分", "正式资料"),
        ("产出指标", "时效指标", "补贴发放时间", "每季度末前", "计划标准", "无", 20, "直接赋分", "原始资料"),
        ("效益指标", "社会效益指标", "老人生活质量", "有效提升", "其他标准", "有效提升", 30, "直接赋分", "说明材料"),
        ("满意度指标", "服务对象满意度指标", "老人满意度", "=95%", "历史标准", "93%", 10, "满意度赋分", "工作资料"),
    ]
    for r, values in enumerate(rows, 10):
        for c, value in enumerate(values, 1):
            set_text(sheet.cell(r, c), value) if isinstance(value, str) else sheet.cell(r, c, value)
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)
    (table,) = read(filled)
    assert (table.project_name, table.department, table.implementer, table.project_lead) == (
        "社区养老服务补贴",
        "市民政局",
        "市养老服务指导中心",
        "李明",
    )
    assert (table.funding.total, table.funding.fiscal, table.funding.other) == (Decimal(560), Decimal(500), Decimal(60))
    assert [(i.level1, i.level2, i.name, i.weight) for i in table.indicators] == [
        (row[0], row[1], row[2], Decimal(row[6])) for row in rows
    ]
    first, last = table.indicators[0].target, table.indicators[3].target
    assert first is not None and (first.operator, first.value, first.unit) == (Operator.GE, Decimal(3000), "人")
    assert last is not None and (last.operator, last.value, last.unit) == (Operator.EQ, Decimal(95), "%")


def test_selfeval_template_has_the_national_layout(tmp_path: Path) -> None:
    seed_tables = list(read_seed())
    path = tmp_path / "selfeval.xlsx"
    write_selfeval_template(seed_tables[:1], path)
    sheet = load_workbook(path).worksheets[0]
    sample = [line.split("\t") for line in (DATA / "samples" / "003_a.tsv").read_text(encoding="utf-8").splitlines()]
    header = next(row for row in sample if row[0] == "一级指标")
    assert [sheet.cell(13, c).value for c in range(1, 9)] == header
    budget_head = next(row for row in sample if row[0].startswith("项目资金"))
    assert [sheet.cell(5, c).value for c in range(2, 8)] == budget_head[1:7]
    assert [sheet.cell(r, 1).value for r in (6, 7, 8, 9, 10, 12)] == [
        "年度资金总额",
        "其中：当年财政拨款",
        "上年结转资金",
        "其他资金",
        "年度总体目标",
        "绩效指标",
    ]
    assert sheet["A2"].value == "（    年度）" and sheet["B6"].value == 114352  # 年初预算数 from the target table
    assert (sheet["C14"].value, sheet["D14"].value, sheet["F14"].value) == ("指标1：支持国有企业户数", "10户", 8)
    assert not sheet["E14"].protection.locked and sheet["D14"].protection.locked
    assert sheet["A26"].value == "总分" and sheet["B26"].value == 100  # 90 for the indicators + 10 for execution


def test_selfeval_template_reads_back_with_the_targets_and_weights(tmp_path: Path) -> None:
    seed_tables = list(read_seed())
    path = tmp_path / "selfeval.xlsx"
    write_selfeval_template(seed_tables, path)
    tables = read(path)
    assert [t.project_name for t in tables] == [t.project_name for t in seed_tables]
    for before, after in zip(seed_tables, tables, strict=True):
        assert [(i.name, i.target, i.weight) for i in after.indicators] == [
            (i.name, i.target, i.weight) for i in before.indicators
        ]


def test_template_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["template", "target", "-o", str(target), "--rows", "12"])
    assert result.exit_code == 0 and target.exists()
    assert "A10:A21" in validations(target)
    result = runner.invoke(
        app,
        [
            "template",
            "selfeval",
            str(DATA.parent.parent / "examples" / "seed_2024.txt"),
            "-o",
            str(tmp_path / "s.xlsx"),
        ],
    )
    assert result.exit_code == 0 and "6 个项目" in result.output
    result = runner.invoke(app, ["template", "target", "-o", str(tmp_path / "t.pdf")])
    assert result.exit_code == 2 and ".xlsx" in result.output and not (tmp_path / "t.pdf").exists()
