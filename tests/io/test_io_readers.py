"""Each reader → Grid: merged cells once with their spans; several tables per file; other people's layouts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from io_expected import DATA, SEED, differences
from io_layouts import write_other_layout
from io_support import write_seed
from openpyxl import Workbook

from jixiao import read
from jixiao.grid import Cell, Grid
from jixiao.io.pdf import join_lines
from jixiao.io.segment import value_text
from jixiao.io.text import clean_cell
from jixiao.io.writers.formulas import set_text
from jixiao.model import Operator
from jixiao.reading import read_grids

DISCLOSURE = DATA / "io" / "disclosure.html"


def cell_at(grid: Grid, text: str) -> Cell:
    return next(cell for row in grid.rows for cell in row if cell.text == text)


def test_merged_cells_come_back_once_with_their_spans() -> None:
    written = write_seed()
    for name in ("xlsx", "docx", "html", "pdf"):
        grid = read_grids(written[name])[0]
        funding = cell_at(grid, "项目资金（万元）")
        assert (funding.rowspan, funding.colspan) == (3, 2), name
        output = cell_at(grid, "产出指标")
        assert output.rowspan == 5 and output.column == 1, name
        texts = [cell.text for row in grid.rows for cell in row]
        assert texts.count("产出指标") == 1 and texts.count("项目资金（万元）") == 1, name
        assert grid.title == "项目支出绩效目标表", name


def test_xlsx_cells_keep_their_sheet_positions() -> None:
    written = write_seed()
    grid = read_grids(written["xlsx"])[0]
    name = cell_at(grid, "国有资本经营预算项目")
    assert (name.row, name.column, name.colspan) == (2, 3, 7)
    weight = cell_at(grid, "20")
    assert weight.column == 7


def test_several_tables_on_one_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    for row, line in enumerate(SEED.read_text(encoding="utf-8").splitlines(), 1):
        cells = [line[3:]] if line.startswith("## ") else [clean_cell(raw) for raw in line.split("\t")]
        for column, text in enumerate(cells, 1):
            set_text(sheet.cell(row, column), text)  # “=100%” stays text, not a formula
    hidden = workbook.create_sheet("说明")
    hidden.append(["一级指标", "三级指标"])
    hidden.sheet_state = "hidden"
    file = tmp_path / "one-sheet.xlsx"
    workbook.save(file)
    assert len(read_grids(file)) == 6
    assert differences(read(file)) == []


def test_an_xlsx_laid_out_differently(tmp_path: Path) -> None:
    (table,) = read(write_other_layout(tmp_path / "county.xlsx"))
    assert table.title == "2023年度项目支出绩效目标申报表" and table.year == 2023
    assert (table.project_name, table.department, table.budget_unit) == (
        "乡村道路养护",
        "县交通运输局",
        "县公路事务中心",
    )
    assert (table.funding.total, table.funding.fiscal, table.funding.other) == (Decimal(320), Decimal(300), Decimal(20))
    assert [i.name for i in table.indicators] == [
        "养护里程",
        "路况优良率",
        "养护完成时间",
        "每公里养护成本",
        "群众出行条件",
        "沿线群众满意度",
    ]
    first = table.indicators[0]
    assert first.target is not None
    assert (first.target.operator, first.target.value, first.target.unit) == (Operator.GE, Decimal(120), "公里")
    assert first.weight == Decimal(20) and first.basis == "计划标准"
    assert dict(first.extra) == {"指标性质": "≥", "计量单位": "公里", "备注说明": "含村道"}
    cost = table.indicators[3]
    assert cost.target is not None and (cost.target.operator, cost.target.value, cost.target.unit) == (
        Operator.LE,
        Decimal("2.5"),
        "万元",
    )
    assert [i.level1 for i in table.indicators[:3]] == ["产出指标"] * 3  # merged A8:A10 carried down
    assert table.indicators[4].target is not None and table.indicators[4].target.operator is None


def test_an_html_disclosure_page_with_rowspans() -> None:
    grids = read_grids(DISCLOSURE)
    assert len(grids) == 4  # navigation, the target table, a contact table, the footer: layout tables skipped
    (table,) = read(DISCLOSURE)
    assert table.title == "项目支出绩效目标表"
    assert (table.project_name, table.department, table.implementer) == (
        "农村义务教育学生营养改善计划",
        "县教育局",
        "县学生资助管理中心",
    )
    assert table.funding.total == Decimal("1280.50") and table.funding.other == Decimal(0)
    assert table.overall_goal == "保障全县义务教育阶段学生每天获得营养膳食补助，\n学生营养健康状况持续改善。"
    levels = [(i.level1, i.level2, i.name) for i in table.indicators]
    assert levels == [
        ("产出指标", "数量指标", "受益学生人数"),
        ("产出指标", "数量指标", "供餐学校数"),
        ("产出指标", "时效指标", "补助资金拨付时间"),
        ("成本指标", "经济成本指标", "生均补助标准"),
        ("效益指标", "社会效益指标", "学生营养健康状况"),
        ("效益指标", "可持续影响指标", "营养餐制度长效运行"),
        ("满意度指标", "服务对象满意度指标", "学生家长满意度"),
    ]
    students = table.indicators[0].target
    assert students is not None and (students.value, students.unit) == (Decimal(21000), "人")
    assert [i.weight for i in table.indicators] == [Decimal(w) for w in (20, 20, 10, 10, 20, 10, 10)]


def test_spreadsheet_values_read_as_printed() -> None:
    assert [value_text(v) for v in (8.0, 0.1, 114352.0, 1e-05, True, None, "  a\u3000b ")] == [
        "8",
        "0.1",
        "114352",
        "0.00001",
        "是",
        "",
        "a b",
    ]


def test_wrapped_pdf_lines_are_joined_back() -> None:
    assert join_lines("按照完成比例赋\n分") == "按照完成比例赋分"
    assert join_lines("Project\nmanager") == "Project manager"
    assert join_lines("第一段。\n第二段") == "第一段。\n第二段"


def test_numbers_formatted_as_percentages_read_as_shown(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值", "上年完成值", "指标分值权重"])
    sheet.append(["产出指标", "质量指标", "验收合格率", 0.95, 0.9312, 10])
    sheet.append(["产出指标", "质量指标", "资金执行率", 1, "100%", 10])
    sheet["D2"].number_format = "0%"
    sheet["E2"].number_format = "0.00%"
    sheet["D3"].number_format = "0.0%"  # a custom format
    sheet["F3"].number_format = '0"分"'  # not a percentage
    file = tmp_path / "percent.xlsx"
    workbook.save(file)
    first, second = read(file)[0].indicators
    assert first.target is not None and (first.target.text, first.target.value, first.target.unit) == (
        "95%",
        Decimal(95),
        "%",
    )
    assert first.prior is not None and first.prior.text == "93.12%"
    assert second.target is not None and second.target.text == "100%" and second.weight == Decimal(10)
