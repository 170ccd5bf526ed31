"""Department-wide tables from a file: every grid that is one, through the readers and the one recognizer."""

from __future__ import annotations

from pathlib import Path

from ..errors import LayoutError
from ..model_department import DepartmentTable
from ..reading import read_grids
from ..recognize.department import is_department, recognize_departments


def read_departments(path: str | Path) -> list[DepartmentTable]:
    """All department-wide tables in the file at ``path``; :class:`LayoutError` when it holds none."""
    grids = read_grids(path)
    chosen = [grid for grid in grids if is_department(grid)]
    if not chosen:
        raise LayoutError("文件里没有部门整体支出绩效目标表或自评表（找不到“部门整体”标题或部门名称）", file=str(path))
    return [table for grid in chosen for table in recognize_departments(grid)]
