"""The note an uploaded 监控表/自评表 gets when its 全年预算数 is not the target table's 年度资金总额."""

from __future__ import annotations

from jixiao.cells import decimal_text
from jixiao.errors import JixiaoError
from jixiao.model import TargetTable
from jixiao.model_selfeval import Budget
from jixiao.units import convert


def full_year_note(read: Budget, table: TargetTable, *, file_kept: bool) -> str | None:
    """``None`` when the file's 全年预算数 is absent or equals the table's total (in the table's unit); else the
    note naming both figures and the one the report is computed on (the file's when ``file_kept``)."""
    given, total = read.full_year, table.funding.total
    if given is None or total is None:
        return None
    try:
        same = convert(given, read.unit, table.funding.unit) == total
    except JixiaoError:
        same = False
    if same:
        return None
    in_file = f"{decimal_text(given)} {read.unit}".strip()
    in_table = f"{decimal_text(total)} {table.funding.unit}".strip()
    used = f"文件的 {in_file}" if file_kept else f"目标表的 {in_table}"
    return f"文件中的全年预算数 {in_file} 与目标表的 {in_table} 不同，按{used}计算，请核对"
