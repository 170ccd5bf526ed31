"""How analytics values are shown: shares as percentages, ratios and amounts to two places, lists joined."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

SHARE_MARKS = ("占比", "（资金）", "比例", "超出限额")
RATIO_MARKS = ("中位数", "均值")


def is_share(column: str) -> bool:
    return any(mark in column for mark in SHARE_MARKS)


def is_ratio(column: str) -> bool:
    return any(mark in column for mark in RATIO_MARKS)


def shown(column: str, value: Any) -> str:
    """A value as text for the terminal."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, list | tuple):
        return " ".join(map(str, value))
    if is_share(column):
        return f"{float(value):.1%}"
    if isinstance(value, float | Decimal):
        return f"{float(value):,.2f}" if is_ratio(column) or isinstance(value, float) else _decimal(value)
    return str(value)


def cell_value(value: Any) -> Any:
    """A value for an Excel cell: numbers stay numbers (NaN empty), lists joined."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, Decimal):
        return float(value.normalize()) if value == value else None
    if isinstance(value, list | tuple):
        return " ".join(map(str, value))
    return value


def _decimal(value: Decimal) -> str:
    normal = value.quantize(Decimal("0.01")).normalize()
    return f"{normal:,f}"
