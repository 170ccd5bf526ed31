"""Small pieces the review rules share: locations, safe comparisons, name tests."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from .. import taxonomy, units
from ..errors import UnitMismatchError
from ..findings import Location
from ..model import Indicator, Kind, Operator, Target, TargetTable, UnitSource
from ..values import normalize as _normalize
from ..values import unit_in_name

# Cells repeat across tables (计划标准, 按照完成比例赋分); folding each text once keeps review cheap.
normalize = lru_cache(maxsize=8192)(_normalize)
unit_dimension = lru_cache(maxsize=1024)(units.dimension)

_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def at(indicator: Indicator, field: str | None = None) -> Location:
    """The location of ``field`` (or of the whole row) of ``indicator``."""
    column = indicator.source.column(field or "name") if indicator.source else None
    return Location(indicator=indicator.name or None, field=field, row=indicator.source.row, column=column)


def at_table(table: TargetTable, field: str | None = None) -> Location:
    """A table-level location: the header field's row, or the table's first row."""
    row = table.row_of(field) if field else None
    return Location(indicator=None, field=field, row=row or table.source_row, column=None)


@lru_cache(maxsize=16384)
def bare_name(name: str) -> str:
    """The indicator name without bracketed notes: 利润总额（万元） → 利润总额."""
    return _BRACKETED.sub("", normalize(name))


def is_satisfaction_name(name: str) -> bool:
    return "满意" in name


#: What a 满意度 block measures besides 满意 itself: 好评率, 认可度, 认同度, 有效投诉次数, 群众评价.
SATISFACTION_MEASURES = ("满意", "好评", "认可", "认同", "投诉", "评价")


def is_satisfaction_measure(name: str) -> bool:
    """True when ``name`` may stand under 满意度指标 (a wider test than :func:`is_satisfaction_name`)."""
    return any(word in name for word in SATISFACTION_MEASURES)


def is_satisfaction(indicator: Indicator) -> bool:
    return indicator.level1 == taxonomy.SATISFACTION or indicator.level2 == taxonomy.SATISFACTION_L2


def is_cost(indicator: Indicator) -> bool:
    """成本指标 as a 一级, or as a 二级 under 产出 in the old framework."""
    return indicator.level1 == taxonomy.COST or indicator.level2 == "成本指标"


def is_ratio(target: Target) -> bool:
    return target.unit is not None and unit_dimension(target.unit) == "ratio"


def compare(a: Target, b: Target) -> int | None:
    """-1/0/1 comparing the values of two numeric targets across units; None when not comparable.

    A side without a unit takes the other's (a prior written "3726.00" under a name in 人次).
    """
    if a.value is None or b.value is None or a.kind is not Kind.NUMBER or b.kind is not Kind.NUMBER:
        return None
    if not units.same_dimension(a.unit, b.unit):
        return None
    try:
        theirs = units.convert(b.value, b.unit, a.unit)
    except UnitMismatchError:
        return None
    return (a.value > theirs) - (a.value < theirs)


def is_positive(target: Target) -> bool:
    return target.operator in (Operator.GE, Operator.GT, Operator.EQ)


def name_unit(indicator: Indicator) -> str | None:
    return unit_in_name(indicator.name)


def path_of(indicator: Indicator) -> str:
    number = f"指标{indicator.number}：" if indicator.number else ""
    parts = [part for part in (indicator.level1, indicator.level2) if part]
    return "/".join([*parts, number + indicator.name])


#: Names whose percentages are small by nature: 0.8% growth, a 0.5% fee or interest rate are what they say.
SMALL_RATE_WORDS = (
    "增长",
    "增幅",
    "下降",
    "降低",
    "降幅",
    "提高",
    "提升",
    "收益率",
    "回报率",
    "利润率",
    "利率",
    "费率",
    "贴息",
)


def looks_like_fraction(target: Target, name: str = "") -> bool:
    """A bare value ≤ 1 under a percentage name: 财政资金执行率（%） "1" probably means 100%.

    Not under a name of a change or a price (国有资本收益增长率（%） 0.8, 贷款贴息率（%） 1).
    """
    return (
        target.value is not None
        and target.kind is Kind.NUMBER
        and target.unit_source is UnitSource.NAME
        and target.operator is not None
        and not target.operator.is_reverse
        and 0 < target.value <= 1
        and is_ratio(target)
        and not any(word in bare_name(name) for word in SMALL_RATE_WORDS)
    )


_LEADING_TWO = re.compile(r"^2(\d+(?:\.\d+)?)")


def garbled_operator(target: Target, prior: Target | None) -> str | None:
    """The value meant when a leading "2" looks like a garbled ≥ (292% for ≥92%), else None.

    Two cases: a percentage above 100 whose rest is a plausible percentage; or a count whose rest is
    close to last year's actual (within half and double) while the whole is more than five times it.
    """
    if target.value is None or target.kind is not Kind.NUMBER or target.operator is not Operator.EQ:
        return None
    text = normalize(target.text)
    match = _LEADING_TWO.match(text)
    if match is None or target.approximate:
        return None
    rest = Decimal(match.group(1))
    suffix = text[match.end() :]
    if is_ratio(target) and target.value > 100 and 0 < rest <= 100:
        return f"≥{match.group(1)}{suffix}"
    if prior is None or prior.value is None or prior.value <= 0 or is_ratio(target):
        return None
    comparable = compare(target, prior)
    if comparable is None:
        return None
    prior_value = units.convert(prior.value, prior.unit, target.unit) if prior.unit and target.unit else prior.value
    if prior_value / 2 <= rest <= prior_value * 2 and target.value > prior_value * 5:
        return f"≥{match.group(1)}{suffix}"
    return None


def capped_rate(indicator: Indicator, capped: tuple[str, ...], uncapped: tuple[str, ...]) -> bool:
    """True when the indicator's name says a rate that cannot exceed 100 % (合格率, 满意度, 占比)."""
    name = bare_name(indicator.name)
    return any(word in name for word in capped) and not any(word in name for word in uncapped)


def allowed_level2(level1: str, *, new_framework: bool) -> tuple[str, ...]:
    """二级 allowed under ``level1``. The old template (财预〔2015〕88号) files 满意度 as a 二级 of 效益指标."""
    allowed = taxonomy.allowed_level2(level1, new_framework=new_framework)
    if not new_framework and level1 == taxonomy.BENEFIT:
        allowed = (*allowed, taxonomy.SATISFACTION_L2)
    return allowed


_LIST = re.compile(r"[、,/;]")
_NOTE = tuple(":,;(")  # after NFKC folding: an explanation or a bracketed note follows the chosen item


def _fold_choice(text: str) -> str:
    return normalize(text).replace("按照", "按")


@lru_cache(maxsize=16384)
def vocabulary_items(text: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    """The items of ``choices`` that ``text`` names, or () when it names none the way a form is filled in.

    Exactly one item; several joined by 、 (计划标准、行业标准); or one followed by a note (直接赋分：完成得满分,
    正式资料（验收报告）). 按 and 按照 are the same word (按完成比例赋分).
    """
    written = _fold_choice(text)
    items = {_fold_choice(choice): choice for choice in choices}
    if written in items:
        return (items[written],)
    parts = _LIST.split(written)
    if len(parts) > 1 and all(part in items for part in parts):
        return tuple(items[part] for part in parts)
    return tuple(
        choice
        for item, choice in items.items()
        if written.startswith(item) and written[len(item) : len(item) + 1] in _NOTE
    )
