"""The budget block of a 自评表 or 监控表: 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.

The block is a header row of budget column labels followed by a totals row (年度资金总额, 总额 …).
Cells go under the header label that covers their column. The weight may be a column (分值, 权重) or a
note in a label: 预算执行情况(万元)(20分), 得分(20分*执行率).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from ..errors import LayoutError, ValueSyntaxError, clip
from ..grid import Cell, filled
from ..model_selfeval import Budget
from ..values import normalize, parse_number
from .labels import bracket_unit, budget_role, is_budget_total
from .parts import text_of as _text

_POINTS = re.compile(r"[(（](\d+(?:\.\d+)?)分")
_AMOUNTS = ("initial", "full_year", "adjusted", "executed", "executed_to_date", "forecast")


def is_budget_header(row: Sequence[Cell]) -> bool:
    """A row with at least two budget column labels, one of them an amount."""
    roles = [budget_role(cell.text)[0] for cell in filled(row)]
    amounts = [role for role in roles if role in _AMOUNTS]
    return len([role for role in roles if role]) >= 2 and bool(amounts)


def read_budget(rows: Sequence[tuple[Cell, ...]], source: str, default_unit: str = "万元") -> Budget | None:
    """The budget block among ``rows`` (the rows above the indicator header), or None when there is none."""
    for at, row in enumerate(rows):
        if not is_budget_header(row):
            continue
        total = next((r for r in rows[at + 1 :] if _first_text(r) and is_budget_total(_first_text(r))), None)
        return _budget(row, total, source, default_unit)
    return None


def _first_text(row: Sequence[Cell]) -> str:
    return next((cell.text for cell in row if not cell.empty), "")


def _budget(header: Sequence[Cell], total: Sequence[Cell] | None, source: str, default_unit: str) -> Budget:
    columns: dict[str, Cell] = {}
    month: int | None = None
    weight: Decimal | None = None
    unit = default_unit
    for cell in header:
        if cell.empty:
            continue
        role, to_month = budget_role(cell.text)
        unit = bracket_unit(cell.text) or unit
        points = _POINTS.search(unicodedata.normalize("NFKC", cell.text))
        if points is not None and weight is None:
            weight = Decimal(points.group(1))
        if role is not None and role not in columns:
            columns[role] = cell
            month = to_month or month
    values: dict[str, Cell] = {}
    if total is not None:
        label_column = next(cell.column for cell in total if not cell.empty)
        for role, head in columns.items():
            if head.column <= label_column:
                continue  # the header over the row labels (年度预算数(万元) above 总额)
            found = next((c for c in total if c.column == head.column and not c.empty), None)
            if found is not None:
                values[role] = found
    amounts = {role: _amount(values.get(role), source) for role in (*_AMOUNTS, "weight", "score")}
    executed = amounts["executed_to_date"] if "executed_to_date" in values else amounts["executed"]
    rate_cell = values.get("rate")
    return Budget(
        initial=amounts["initial"],
        full_year=amounts["full_year"],
        adjusted=amounts["adjusted"],
        executed=executed,
        forecast=amounts["forecast"],
        rate=_rate(rate_cell, source),
        weight=amounts["weight"] if amounts["weight"] is not None else weight,
        score=amounts["score"],
        reason=_text(values.get("reason")),
        unit=unit,
        month=month,
        rate_text=_text(rate_cell),
        score_text=_text(values.get("score")),
        row=total[0].row if total else None,
        columns=tuple((role, cell.column) for role, cell in columns.items()),
    )


def _amount(cell: Cell | None, source: str) -> Decimal | None:
    text = _text(cell)
    if text is None or cell is None:
        return None
    cleaned = normalize(text).removesuffix("分").removesuffix("万元").removesuffix("元")
    try:
        return parse_number(cleaned)
    except ValueSyntaxError:
        raise LayoutError(f"预算执行栏“{clip(text)}”不是数字", file=source, row=cell.row, column=cell.column) from None


def _rate(cell: Cell | None, source: str) -> Decimal | None:
    """86.19% → 86.19; a bare 0.8619 is read as a fraction and turned into %."""
    text = _text(cell)
    if text is None or cell is None:
        return None
    cleaned = normalize(text)
    percent = cleaned.endswith("%")
    try:
        value = parse_number(cleaned.rstrip("%"))
    except ValueSyntaxError:
        raise LayoutError(f"执行率“{clip(text)}”不是百分数", file=source, row=cell.row, column=cell.column) from None
    return value if percent or value > 1 else value * 100
