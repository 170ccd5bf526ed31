"""Units of measure (计量单位) and conversion between them, in :class:`~decimal.Decimal`.

A unit belongs to a *dimension* and has a *factor* to that dimension's base: 万元 is money with
factor 10000 (base 元). Compound units such as 元/月、人 or 万元/公里 convert through their numerator
and must share the part after the first "/". Units jixiao does not know are their own dimension,
so they compare only with themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .errors import UnitMismatchError

MONEY = "money"

_BASE_UNITS: dict[str, tuple[str, Decimal]] = {
    # money
    "元": (MONEY, Decimal(1)),
    "千元": (MONEY, Decimal(1000)),
    "万元": (MONEY, Decimal(10_000)),
    "百万元": (MONEY, Decimal(1_000_000)),
    "亿元": (MONEY, Decimal(100_000_000)),
    # ratios
    "%": ("ratio", Decimal(1)),
    "‰": ("ratio", Decimal("0.1")),
    "百分比": ("ratio", Decimal(1)),
    # time counted in days
    "日": ("days", Decimal(1)),
    "天": ("days", Decimal(1)),
    "周": ("days", Decimal(7)),
    "小时": ("days", Decimal(1) / Decimal(24)),
    "工作日": ("workdays", Decimal(1)),
    # time counted in months
    "月": ("months", Decimal(1)),
    "个月": ("months", Decimal(1)),
    "季度": ("months", Decimal(3)),
    "年": ("months", Decimal(12)),
    # length, area, mass
    "米": ("length", Decimal(1)),
    "m": ("length", Decimal(1)),
    "M": ("length", Decimal(1)),
    "公里": ("length", Decimal(1000)),
    "千米": ("length", Decimal(1000)),
    "km": ("length", Decimal(1000)),
    "平方米": ("area", Decimal(1)),
    "㎡": ("area", Decimal(1)),
    "m2": ("area", Decimal(1)),  # ㎡ and m² as the value grammar sees them after NFKC folding
    "亩": ("area", Decimal(10_000) / Decimal(15)),
    "公顷": ("area", Decimal(10_000)),
    "平方公里": ("area", Decimal(1_000_000)),
    "km2": ("area", Decimal(1_000_000)),  # ㎢, km²
    "立方米": ("volume", Decimal(1)),
    "m³": ("volume", Decimal(1)),
    "m3": ("volume", Decimal(1)),  # ㎥, m³
    "升": ("volume", Decimal("0.001")),
    "千克": ("mass", Decimal(1)),
    "公斤": ("mass", Decimal(1)),
    "斤": ("mass", Decimal("0.5")),
    "吨": ("mass", Decimal(1000)),
}

#: Count units (计数单位): each is its own dimension — 人 and 人次 do not compare.
COUNT_UNITS = frozenset(
    "人 人次 户 家 个 项 笔 次 座 所 台 套 份 名 辆 件 场 篇 期 批 张 本 册 条 处 间 栋 只 头 株 棵 "
    "户次 家次 个次 场次 批次 课时 学时 台套 宗 例 床 张次 单 箱 册次 部 支 队 组 村 镇 乡 校 门 类 种 "
    "户/家 处/个".split()
)

#: Multipliers written in front of a count unit: 9.9万人 is 99000 人.
MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


@dataclass(frozen=True)
class Unit:
    """A unit as written, with its dimension and its factor to the dimension's base."""

    symbol: str
    dimension: str
    factor: Decimal


#: Most multipliers before a count unit (万亿人次); more is not a unit.
_MAX_MULTIPLIERS = 2


def _simple_unit(symbol: str) -> Unit | None:
    factor = Decimal(1)
    rest = symbol
    for _ in range(_MAX_MULTIPLIERS + 1):
        if rest in _BASE_UNITS:
            dimension, base = _BASE_UNITS[rest]
            return Unit(symbol, dimension, base * factor)
        if rest in COUNT_UNITS:
            return Unit(symbol, "count:" + rest, factor)
        head, rest = rest[:1], rest[1:]
        if head not in MULTIPLIERS or not rest or rest.endswith("元"):
            return None
        factor *= MULTIPLIERS[head]
    return None


@lru_cache(maxsize=4096)
def lookup(symbol: str) -> Unit | None:
    """The known unit for ``symbol`` (simple or compound), or ``None`` when jixiao does not know it."""
    unit = _simple_unit(symbol)
    if unit is not None:
        return unit
    if "/" in symbol:
        numerator, _, denominator = symbol.partition("/")
        head = _simple_unit(numerator)
        if head is not None and denominator:
            return Unit(symbol, f"{head.dimension}/{denominator}", head.factor)
        if numerator == "" or numerator.isdigit():
            return None
    return None


def is_known(symbol: str) -> bool:
    return lookup(symbol) is not None


def unit_of(symbol: str) -> Unit:
    """The unit for ``symbol``; an unknown symbol is a dimension of its own."""
    return lookup(symbol) or Unit(symbol, "other:" + symbol, Decimal(1))


def dimension(symbol: str | None) -> str | None:
    return None if symbol is None else unit_of(symbol).dimension


def same_dimension(a: str | None, b: str | None) -> bool:
    """True when quantities in ``a`` and ``b`` can be compared (a missing unit matches anything)."""
    if a is None or b is None or a == b:
        return True
    return unit_of(a).dimension == unit_of(b).dimension


def convert(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal:
    """Convert ``value`` from one unit to another of the same dimension.

    A missing unit on either side is taken to be the other's unit. Different dimensions raise
    :class:`~jixiao.errors.UnitMismatchError`.
    """
    if from_unit is None or to_unit is None or from_unit == to_unit:
        return value
    source, target = unit_of(from_unit), unit_of(to_unit)
    if source.dimension != target.dimension:
        raise UnitMismatchError(f"单位不能换算：{from_unit} 与 {to_unit} 不是同一类量")
    return value * source.factor / target.factor
