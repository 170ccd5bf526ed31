"""`jixiao template target`: an Excel 项目支出绩效目标表 a budget unit fills in.

Dropdowns for 一级 and a dependent 二级 (from :mod:`jixiao.taxonomy`), for the basis, the scoring rule
and the evidence; an input message on every column; weights validated as numbers with their running
total under the table; labels locked (the sheet is protected without a password), input cells open.
A filled template reads back through :func:`jixiao.read` like any other workbook.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ... import fields, taxonomy
from ...model import TargetTable
from .layout import INDICATOR_COLUMNS, table_layout
from .xlsx import BORDER, FONT, write_layout

#: Blank indicator rows in a new template.
INDICATOR_ROWS = 30
OPTIONS_SHEET = "选项"
_INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")
NOTE = (
    "注：黄色单元格为填写区；一级、二级指标每行都要选择；"
    "权重合计通常为 90（另 10 分为预算执行率）或 100，以本地区要求为准。"
)

#: column field → the prompt shown when the cell is selected (its title is the field's label).
PROMPTS: dict[str, str] = {
    "level1": "从下拉列表选择：产出指标、成本指标、效益指标、满意度指标。每行都要选。",
    "level2": "先选一级指标，再从下拉列表选择对应的二级指标。",
    "name": "写明具体、可衡量的指标名称，如“培训人数”“项目验收合格率”。",
    "target": "写符号、数值和单位，如 ≥2400人、100%、≤114352万元、12月31日前；定性指标写“有效提升”等。",
    "basis": "选择计划标准、行业标准、历史标准、其他标准或预算支出标准。",
    "prior": "填写上年实际完成值及单位；新项目填“无”。",
    "weight": "填 0–100 的数字；表格下方“合计”显示已填权重之和。",
    "scoring_rule": "选择按照完成比例赋分、直接赋分或满意度赋分。",
    "evidence": "选择正式资料、原始资料、工作资料、说明材料或其他资料。",
}


def level2_name(level1: str) -> str:
    """The defined name listing the 二级 of one 一级 (used by the dependent dropdown)."""
    return f"二级_{level1}"


def _options_sheet(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(OPTIONS_SHEET)
    sheet.sheet_state = "hidden"
    for column, level1 in enumerate(taxonomy.LEVEL1, 1):
        letter = get_column_letter(column)
        sheet.cell(1, column, level1)
        level2s = taxonomy.NEW_FRAMEWORK[level1]
        for row, level2 in enumerate(level2s, 2):
            sheet.cell(row, column, level2)
        reference = f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$2:${letter}${len(level2s) + 1}"
        workbook.defined_names[level2_name(level1)] = DefinedName(level2_name(level1), attr_text=reference)
    sheet.protection.sheet = True


def _list(values: tuple[str, ...], *, strict: bool, field: str) -> DataValidation:
    title, prompt = fields.label(field), PROMPTS[field]
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        errorStyle="stop" if strict else "warning",
        showErrorMessage=True,
        error="请从下拉列表中选择" if strict else "不是常用写法，确定要这样填吗？",
        errorTitle=title,
    )
    validation.promptTitle, validation.prompt, validation.showInputMessage = title, prompt, True
    return validation


def _validations(sheet: Worksheet, first: int, last: int) -> None:
    columns = {name: get_column_letter(index) for index, (name, _, _) in enumerate(INDICATOR_COLUMNS, 1)}

    def cells(field: str) -> str:
        return f"{columns[field]}{first}:{columns[field]}{last}"

    validations = [
        (_list(taxonomy.LEVEL1, strict=True, field="level1"), "level1"),
        (_list(taxonomy.BASIS, strict=False, field="basis"), "basis"),
        (_list(taxonomy.SCORING_RULES, strict=True, field="scoring_rule"), "scoring_rule"),
        (_list(taxonomy.EVIDENCE, strict=False, field="evidence"), "evidence"),
    ]
    level2 = DataValidation(
        type="list",
        formula1=f'INDIRECT("二级_"&${columns["level1"]}{first})',
        allow_blank=True,
        showErrorMessage=True,
        error="请先选一级指标，再从下拉列表选择其下的二级指标",
        errorTitle="二级指标",
    )
    weight = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        error="指标分值权重应为 0 到 100 之间的数字",
        errorTitle="指标分值权重",
    )
    validations += [(level2, "level2"), (weight, "weight")]
    for field in ("name", "target", "prior"):
        prompt_only = DataValidation(allow_blank=True)
        validations.append((prompt_only, field))
    for validation, field in validations:
        validation.promptTitle, validation.prompt = fields.label(field), PROMPTS[field]
        validation.showInputMessage = True
        sheet.add_data_validation(validation)
        validation.add(cells(field))


def write_target_template(path: Path, *, rows: int = INDICATOR_ROWS) -> None:
    """A fill-in 项目支出绩效目标表 at ``path``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "目标表"
    layout = table_layout(TargetTable(department="", implementer=""))  # "" keeps the 主管部门 row
    write_layout(sheet, layout)
    first, last = layout.header_row + 1, layout.header_row + rows
    for row in range(first, last + 1):
        for column in range(1, len(INDICATOR_COLUMNS) + 1):
            cell = sheet.cell(row, column)
            cell.border, cell.font = BORDER, Font(name=FONT, size=10)
            _open(cell)
    for cell in layout.cells():
        if cell.field and cell.style in ("value", "goal"):
            _open(sheet.cell(cell.row, cell.column))
    _total_row(sheet, first, last)
    _validations(sheet, first, last)
    _options_sheet(workbook)
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False
    workbook.active = 0
    workbook.save(path)


def _open(cell: object) -> None:
    cell.protection = Protection(locked=False)  # type: ignore[attr-defined]
    cell.fill = _INPUT_FILL  # type: ignore[attr-defined]


def _total_row(sheet: Worksheet, first: int, last: int) -> None:
    row = last + 1
    weight_column = next(i for i, (name, _, _) in enumerate(INDICATOR_COLUMNS, 1) if name == "weight")
    letter = get_column_letter(weight_column)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=weight_column - 1)
    label = sheet.cell(row, 1, "合计（指标分值权重之和）")
    label.font = Font(name=FONT, size=10, bold=True)
    total = sheet.cell(row, weight_column, f"=SUM({letter}{first}:{letter}{last})")
    total.font = Font(name=FONT, size=10, bold=True)
    for column in range(1, len(INDICATOR_COLUMNS) + 1):
        sheet.cell(row, column).border = BORDER
    sheet.conditional_formatting.add(
        f"{letter}{row}", CellIsRule(operator="greaterThan", formula=["100"], font=Font(color="C00000", bold=True))
    )
    note = sheet.cell(row + 1, 1, NOTE)
    note.font = Font(name=FONT, size=9)
    sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=len(INDICATOR_COLUMNS))
