"""部门整体 tables in `parse`, `review` and `score`: a file's department-wide grids read apart from its project
tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..cells import decimal_text
from ..department import DepartmentSheet, DepartmentTable, department_to_dict, score_department
from ..findings import Finding
from ..grid import Grid
from ..jsonout import number
from ..reading import read_grids
from ..recognize.department import is_department, recognize_departments


def split_departments(grids: list[Grid]) -> tuple[list[DepartmentTable], list[Grid]]:
    """The department-wide tables among ``grids``, and the grids that are not department-wide."""
    departments = [table for grid in grids if is_department(grid) for table in recognize_departments(grid)]
    return departments, [grid for grid in grids if not is_department(grid)]


def departments_in(file: Path) -> list[DepartmentTable]:
    return split_departments(read_grids(file))[0]


def _num(value: object) -> str:
    return decimal_text(value) if value is not None else "—"  # type: ignore[arg-type]


def render_department(console: Console, table: DepartmentTable) -> None:
    kind = "部门整体支出绩效自评表" if table.kind.value == "dept-selfeval" else "部门整体支出绩效目标表"
    console.rule(f"[bold]{escape(table.department or '（未写部门名称）')}[/]  {kind}")
    if table.department_code:
        console.print(f"[dim]部门编码[/]  {escape(table.department_code)}")
    if table.total_funds is not None:
        console.print(f"[dim]预算支出总额[/]  {_num(table.total_funds)} {table.funds_unit}")
    if table.overall_goal:
        console.print(f"[dim]年度绩效总目标[/]  {escape(table.overall_goal)}")
    for task in table.tasks:
        funds = f"  {_num(task.funds)} {table.funds_unit}" if task.funds is not None else ""
        console.print(f"[dim]年度主要任务[/]  {escape(task.name)}{funds}")
    scores = {id(item.indicator): item for item in table.scores}
    for indicator in table.indicators:
        parts = [f"指标值 {escape(indicator.target.text)}"] if indicator.target else []
        if indicator.weight is not None:
            parts.append(f"分值 {_num(indicator.weight)}")
        item = scores.get(id(indicator))
        if item is not None and item.score is not None:
            parts.append(f"自评得分 {_num(item.score)}")
        levels = " / ".join(escape(level) for level in (indicator.level1, indicator.level2) if level)
        console.print(f"  {levels} · [bold]{escape(indicator.name)}[/]  [dim]{' · '.join(parts)}[/]")
    for note in table.notes:
        console.print(f"  [yellow]读取说明[/] {escape(str(note))}")
    console.print()


def render_department_sheet(console: Console, sheet: DepartmentSheet) -> None:
    console.rule(f"[bold]{escape(sheet.department or '（未写部门名称）')}[/]  部门整体评分表  配置：{sheet.profile}")
    grid = Table(header_style="bold")
    for label in ("三级指标", "指标分值", "得分", "公布得分"):
        grid.add_column(label, justify="left" if label == "三级指标" else "right")
    for line in sheet.lines:
        grid.add_row(escape(line.name), _num(line.weight), _num(line.score), _num(line.published_score))
    console.print(grid)
    console.print(
        f"分值合计 {_num(sheet.weight_total)}（满分 {_num(sheet.full_marks)}）  得分合计 {_num(sheet.total)}"
        f"  等级 {sheet.grade or '—'}  公布总分 {_num(sheet.published_total)}"
    )
    for finding in sheet.findings.findings:
        console.print(format_department_finding(finding))


def format_department_finding(finding: Finding) -> str:
    where = f"第{finding.location.row}行 " if finding.location.row else ""
    return f"  {finding.code} [{finding.severity.label}] {where}{escape(finding.title)}：{escape(finding.message)}"


def sheet_dict(sheet: DepartmentSheet) -> dict[str, Any]:
    return {
        "kind": "dept-selfeval",
        "department": sheet.department,
        "profile": sheet.profile,
        "indicators": [
            {
                "name": line.name,
                "weight": number(line.weight),
                "score": number(line.score),
                "published_score": number(line.published_score),
                "row": line.row,
            }
            for line in sheet.lines
        ],
        "weight_total": number(sheet.weight_total),
        "full_marks": number(sheet.full_marks),
        "total": number(sheet.total),
        "grade": sheet.grade,
        "published_total": number(sheet.published_total),
        "tasks_funds": number(sheet.tasks_funds),
        "total_funds": number(sheet.total_funds),
        "findings": [finding.to_dict() for finding in sheet.findings.findings],
    }


def department_document(tables: list[DepartmentTable]) -> list[dict[str, Any]]:
    return [department_to_dict(table) for table in tables]


def scored(tables: list[DepartmentTable], profile: str) -> list[DepartmentSheet]:
    return [score_department(table, None if profile == "auto" else profile) for table in tables]
