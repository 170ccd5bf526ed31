"""The department-wide kind: a grid of a 部门整体支出绩效目标表, 自评表 or 评分表 → :class:`DepartmentTable`.

The indicators come from the one recognizer (the indicator header, merged 一级/二级, targets, 分值); this module
reads what only this kind has — the department and its code, 部门职能职责概述, the 年度主要任务 with their funds,
and a 评分表's 指标解释, 评分标准 and 自评得分 per indicator.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from ..grid import Cell, Grid
from ..model import Indicator
from ..model_department import DepartmentKind, DepartmentTable, RubricScore, Task
from .columns import is_indicator_header
from .labels import normalize_label
from .parts import TablePart, filled, number_of, table_parts, text_of

_DEPARTMENT = ("部门名称", "预算部门", "预算部门单位名称", "预算部门、单位名称", "单位名称", "部门(单位)名称", "单位")
_CODE = ("部门编码", "部门代码", "单位编码")
_FUNCTIONS = ("部门职能职责概述", "部门职能职责", "部门职能")
_GOAL = ("年度绩效总目标", "年度总体目标", "部门整体绩效目标", "年度绩效目标", "总体目标")
_TOTAL_FUNDS = ("预算支出总额", "年度资金总额", "部门预算总额", "资金总额", "年度预算总额")
_TASKS = ("年度主要任务",)
_TOTAL = ("总分", "合计", "总计", "自评总分", "总得分", "得分合计")
_TASK_NAME = ("任务名称", "任务", "主要任务")
_TASK_CONTENT = ("主要内容", "任务内容", "内容")
_TASK_FUNDS = re.compile(r"金额|资金|预算数|预算")
_EXPLANATION = ("指标解释", "指标说明")
_STANDARD = re.compile(r"评分标准|计分标准|评分规则|扣分标准")
_SELF = re.compile(r"自评|评价|评分|得分")


def _label(text: str) -> str:
    return normalize_label(unicodedata.normalize("NFKC", text).lstrip("*★ "))


def is_department(grid: Grid) -> bool:
    """A 部门整体 table: its title says so, or its header names a department and no project."""
    if grid.title and "部门整体" in grid.title:
        return True
    labels = {_label(cell.text) for row in grid.rows[:40] for cell in row if not cell.empty}
    if any("部门整体" in label for label in labels):
        return True
    return bool(labels & {"部门名称", "部门编码", "部门职能职责概述"}) and "项目名称" not in labels


def recognize_departments(grid: Grid) -> list[DepartmentTable]:
    """Every department-wide table of ``grid``."""
    return [_department(part, grid) for part in table_parts(grid)]


def _value_after(rows: Sequence[Sequence[Cell]], labels: Sequence[str]) -> Cell | None:
    """The cell after the first cell labelled with one of ``labels`` in its row (部门名称: | 浮梁县林业局)."""
    for row in rows:
        cells = filled(row)
        for at, cell in enumerate(cells):
            if _label(cell.text) in labels and at + 1 < len(cells):
                return cells[at + 1]
    return None


def _department(part: TablePart, grid: Grid) -> DepartmentTable:
    table = part.table
    above = part.above
    title = grid.title or next((c.text for row in above for c in row if "部门整体" in c.text), None)
    kind = _kind(part, title)
    department = _value_after(above, _DEPARTMENT)
    funds = _value_after(above, _TOTAL_FUNDS)
    total = _published_total(part.below)
    scores = tuple(_score(part, indicator) for indicator in table.indicators) if kind is DepartmentKind.SELFEVAL else ()
    return DepartmentTable(
        kind=kind,
        department=text_of(department) or table.department,
        department_code=text_of(_value_after(above, _CODE)),
        functions=text_of(_value_after(above, _FUNCTIONS)),
        overall_goal=text_of(_value_after(above, _GOAL)) or table.overall_goal,
        total_funds=number_of(text_of(funds)),
        funds_unit=table.funding.unit,
        tasks=_tasks(above),
        indicators=table.indicators,
        scores=scores,
        published_total=total[0],
        total_row=total[1],
        title=title,
        year=table.year,
        source_file=table.source_file,
        source_row=table.source_row,
        notes=table.notes,
    )


def _kind(part: TablePart, title: str | None) -> DepartmentKind:
    if title and _SELF.search(title):
        return DepartmentKind.SELFEVAL
    roles = {column.role for placed in part.placed.values() for column in placed.columns}
    return DepartmentKind.SELFEVAL if "score" in roles else DepartmentKind.TARGET


def _score(part: TablePart, indicator: Indicator) -> RubricScore:
    cells = part.cells_of(indicator.source.row)
    explanation = next((text for label, text in indicator.extra if _label(label) in _EXPLANATION), None)
    score_text = text_of(cells.get("score"))
    return RubricScore(
        indicator=indicator,
        explanation=explanation,
        standard=indicator.scoring_rule
        or next((text for label, text in indicator.extra if _STANDARD.search(label)), None),
        score=number_of(score_text),
        score_text=score_text,
    )


def _published_total(rows: Sequence[Sequence[Cell]]) -> tuple[Decimal | None, int | None]:
    """The 总分 row's score (its last number: 总分 | 100 | 97.5 prints the full marks first) and its row."""
    for row in rows:
        cells = filled(row)
        if cells and _label(cells[0].text) in _TOTAL:
            numbers = [n for n in (number_of(text_of(c)) for c in cells[1:]) if n is not None]
            return (numbers[-1] if numbers else None), cells[0].row
    return None, None


def _tasks(rows: Sequence[Sequence[Cell]]) -> tuple[Task, ...]:
    """The 年度主要任务 block: a 任务名称 | 主要内容 | 金额 header row, then one task a row."""
    start = next((i for i, row in enumerate(rows) if any(_label(c.text) in _TASKS for c in filled(row))), None)
    if start is None:
        return ()
    header_at = next(
        (i for i in range(start, len(rows)) if any(_label(c.text) in _TASK_NAME for c in filled(rows[i]))), None
    )
    if header_at is None:
        return ()
    header = filled(rows[header_at])
    name_col = next(c.column for c in header if _label(c.text) in _TASK_NAME)
    content_col = next((c.column for c in header if _label(c.text) in _TASK_CONTENT), None)
    funds_col = next((c.column for c in header if _TASK_FUNDS.search(c.text)), None)
    tasks = []
    for row in rows[header_at + 1 :]:
        cells = {c.column: c for c in filled(row)}
        if not cells or is_indicator_header(row) or any(_label(c.text) in _GOAL for c in cells.values()):
            break
        name = text_of(cells.get(name_col))
        if name is None:
            continue
        funds_text = text_of(cells.get(funds_col)) if funds_col is not None else None
        tasks.append(
            Task(
                name=name,
                content=text_of(cells.get(content_col)) if content_col is not None else None,
                funds=number_of(funds_text),
                funds_text=funds_text,
                row=row[0].row if row else None,
            )
        )
    return tuple(tasks)
