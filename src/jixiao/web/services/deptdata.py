"""A department-wide 目标表 (部门整体) as the web app stores it, and its review by the JX-D rules.

A department table is stored in the same form as a project table (:mod:`.tabledata`), so the pages, the workflow
and the exports that show a table show it too, with these differences::

    {"kind": "dept-target", "project_name": "某县文化广电旅游局部门整体支出绩效目标",
     "department": "某县文化广电旅游局", "department_code": "", "functions": "…", "overall_goal": "…",
     "funding": {"total": "1695.55", "fiscal": "", "other": "", "unit": "万元"},
     "tasks": [{"name": "基本支出", "content": "…", "funds": "1478.75"}, …],
     "indicators": [... as a project table's ...]}

``project_name`` is the name the lists show; the department's 年度主要任务 are kept in ``tasks``. It is reviewed
as ``jixiao review`` reviews a department table: by the department-wide rules (JX-D) only.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from jixiao.department import DepartmentKind, DepartmentTable, Task, score_department
from jixiao.findings import Report
from jixiao.model import Funding, TargetTable

from .tabledata import InputProblem, data_from_table, read_number, table_from_data

DEPT_TARGET = DepartmentKind.TARGET.value
DEPARTMENT_TITLE = "部门整体支出绩效目标表"
TASK_FIELDS = ("name", "content", "funds")
DEPARTMENT_FIELDS = ("department_code", "functions")


def is_department(data: dict[str, Any]) -> bool:
    return bool(data.get("kind") == DEPT_TARGET)


def display_name(department: str | None) -> str:
    """The name a department table goes by in the lists, where a project table shows its project."""
    return f"{department or ''}部门整体支出绩效目标"


def data_from_department(table: DepartmentTable, project_form: dict[str, Any]) -> dict[str, Any]:
    """The stored form of a recognized department table; ``project_form`` is its indicators and header in the
    project form (:func:`.tabledata.data_from_table` of :func:`as_target`)."""
    return {
        **project_form,
        "kind": DEPT_TARGET,
        "project_name": display_name(table.department),
        **{name: getattr(table, name) or "" for name in DEPARTMENT_FIELDS},
        "tasks": [
            {
                "name": task.name,
                "content": task.content or "",
                "funds": task.funds_text or ("" if task.funds is None else str(task.funds)),
            }
            for task in table.tasks
        ],
    }


def as_target(table: DepartmentTable) -> TargetTable:
    """The department table in the project model, for what a project table and a department one share."""
    return TargetTable(
        project_name=display_name(table.department),
        budget_unit=table.department,
        department=table.department,
        overall_goal=table.overall_goal,
        funding=Funding(total=table.total_funds, unit=table.funds_unit),
        indicators=table.indicators,
        year=table.year,
        title=DEPARTMENT_TITLE,
    )


def department_from_data(data: dict[str, Any]) -> tuple[DepartmentTable, TargetTable, list[InputProblem]]:
    """The department model of a stored department table, its project-model twin, and the cells not read."""
    table, problems = table_from_data(data)
    tasks = []
    for index, row in enumerate(data.get("tasks") or []):
        funds_text = str(row.get("funds") or "").strip()
        tasks.append(
            Task(
                name=str(row.get("name") or "").strip(),
                content=str(row.get("content") or "").strip() or None,
                funds=read_number(funds_text, f"tasks[{index + 1}].funds", problems),
                funds_text=funds_text or None,
            )
        )
    department = DepartmentTable(
        kind=DepartmentKind.TARGET,
        department=table.department,
        department_code=str(data.get("department_code") or "").strip() or None,
        functions=str(data.get("functions") or "").strip() or None,
        overall_goal=table.overall_goal,
        total_funds=table.funding.total,
        funds_unit=table.funding.unit,
        tasks=tuple(tasks),
        indicators=table.indicators,
        year=table.year,
        title=DEPARTMENT_TITLE,
    )
    shown = dataclasses.replace(table, title=DEPARTMENT_TITLE)
    return department, shown, problems


def review(data: dict[str, Any], profile: str) -> tuple[TargetTable, Report, list[InputProblem]]:
    """A stored department table reviewed as ``jixiao review`` reviews one: the JX-D rules under ``profile``."""
    department, shown, problems = department_from_data(data)
    sheet = score_department(department, profile)
    return shown, Report(sheet.findings.findings, shown.project_name), problems


def stored_form(table: TargetTable | DepartmentTable) -> dict[str, Any]:
    """The stored form of a table read from a file, a project's or a department's."""
    if isinstance(table, DepartmentTable):
        return data_from_department(table, data_from_table(as_target(table)))
    return data_from_table(table)
