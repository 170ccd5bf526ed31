"""The typed model of a 项目支出绩效目标表 (project expenditure performance target table).

Everything is frozen and every number is a :class:`~decimal.Decimal`. Text as written in the source
is always kept beside its parsed or canonical form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from . import units
from .errors import UnitMismatchError, clip
from .notes import ColumnPlacement, ReadingNote


class Operator(StrEnum):
    """The comparison a target sets (指标性质): ≥ > = ≤ < or a range."""

    GE = ">="
    GT = ">"
    EQ = "="
    LE = "<="
    LT = "<"
    RANGE = "range"

    @property
    def is_reverse(self) -> bool:
        """True for reverse (反向) targets, where less is better."""
        return self in (Operator.LE, Operator.LT)


class Kind(StrEnum):
    """What sort of value a target cell holds."""

    NUMBER = "number"  # ≥2400人, 100%, 3～5个
    QUALITATIVE = "qualitative"  # 有效提升, 达标, 及时
    DEADLINE = "deadline"  # 15日内: at most N days/months
    DATE = "date"  # 2024年12月31日前, 3月30日前
    PERIOD = "period"  # 2023.07-2024.01
    TOLERANCE = "tolerance"  # ±3%以内: deviation at most N


class UnitSource(StrEnum):
    CELL = "cell"
    NAME = "name"  # taken from the indicator name's brackets, 利润总额（万元）


@dataclass(frozen=True)
class Quantity:
    """A number with its unit (None when the cell gave none)."""

    value: Decimal
    unit: str | None = None

    def to(self, unit: str | None) -> Quantity:
        """This quantity in ``unit`` (same dimension, else :class:`UnitMismatchError`)."""
        return Quantity(units.convert(self.value, self.unit, unit), unit or self.unit)

    def compare(self, other: Quantity) -> int:
        """-1, 0 or 1 as this quantity is less than, equal to or greater than ``other``."""
        theirs = other.to(self.unit).value
        return (self.value > theirs) - (self.value < theirs)

    def __str__(self) -> str:
        return f"{self.value}{self.unit or ''}"


@dataclass(frozen=True)
class Target:
    """A parsed 指标值 (or 上年完成值 / 实际完成值) cell.

    ``value`` is the bound for ≥ > = ≤ <, the lower end of a range (``upper`` the upper end), the
    number of days or months of a deadline, or the allowed deviation of a tolerance. Qualitative
    texts keep only ``text``. ``date`` is ISO 8601 (``2024-12-31``; ``--03-30`` when no year is given).
    """

    text: str
    kind: Kind
    operator: Operator | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    unit_source: UnitSource | None = None
    date: str | None = None
    approximate: bool = False  # 约, 左右

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None

    @property
    def quantity(self) -> Quantity | None:
        return None if self.value is None else Quantity(self.value, self.unit)

    @property
    def upper_quantity(self) -> Quantity | None:
        return None if self.upper is None else Quantity(self.upper, self.unit)

    def in_unit(self, unit: str | None) -> Target:
        """The same target expressed in ``unit`` (value and upper converted)."""
        if self.value is None or unit is None or self.unit is None or unit == self.unit:
            return self
        value = units.convert(self.value, self.unit, unit)
        upper = None if self.upper is None else units.convert(self.upper, self.unit, unit)
        return Target(
            self.text,
            self.kind,
            self.operator,
            value,
            upper,
            unit,
            self.unit_source,
            self.date,
            self.approximate,
        )

    def comparable_with(self, other: Target) -> bool:
        return units.same_dimension(self.unit, other.unit)

    def check_comparable(self, other: Target) -> None:
        if not self.comparable_with(other):
            raise UnitMismatchError(f"“{clip(self.text)}”与“{clip(other.text)}”的单位不是同一类量，不能比较")


@dataclass(frozen=True)
class Funding:
    """项目资金: 年度预算总额 / 财政拨款 / 其他资金, in ``unit`` (万元 unless the table says otherwise)."""

    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None
    unit: str = "万元"
    total_text: str | None = None
    fiscal_text: str | None = None
    other_text: str | None = None


@dataclass(frozen=True)
class SourceRef:
    """Where a row came from: its row number and, per field, its column number (both 1-based)."""

    row: int | None = None
    columns: tuple[tuple[str, int], ...] = ()

    def column(self, field_name: str) -> int | None:
        return dict(self.columns).get(field_name)


@dataclass(frozen=True)
class PeriodTarget:
    """The target an indicator sets for one period, where a table prints several (中期 or 长期 beside 年度).

    ``name`` is set when that period's group names the indicator differently from the annual one.
    """

    period: str  # 年度, 中期, 长期
    target: Target | None
    name: str | None = None


@dataclass(frozen=True)
class Indicator:
    """One 三级指标 with its place in the hierarchy and its columns.

    ``level1``/``level2`` are canonical (服务对象满意度指标 for a 二级 written 满意度指标); the text as
    written is in ``level1_text``/``level2_text``. ``number`` is the "指标1：" numbering, split from the
    name and kept as written.
    """

    name: str
    level1: str | None = None
    level2: str | None = None
    level1_text: str | None = None
    level2_text: str | None = None
    number: str | None = None
    target: Target | None = None
    basis: str | None = None  # 指标值设置依据
    prior: Target | None = None  # 上年完成值
    weight: Decimal | None = None  # 指标分值权重
    scoring_rule: str | None = None  # 指标赋分规则
    evidence: str | None = None  # 佐证资料
    extra: tuple[tuple[str, str], ...] = ()  # other columns, header → text as written
    source: SourceRef = field(default_factory=SourceRef)
    parent: str | None = None  # the indicator above that a 其中… row is part of: not counted on its own
    periods: tuple[PeriodTarget, ...] = ()  # the targets of every period printed (年度, 中期, 长期)

    @property
    def path(self) -> str:
        """一级/二级/三级, for messages."""
        return "/".join(part for part in (self.level1, self.level2, self.name) if part)


@dataclass(frozen=True)
class TargetTable:
    """A 项目支出绩效目标表: header block and indicators."""

    project_name: str | None = None
    budget_unit: str | None = None  # 预算单位
    department: str | None = None  # 主管部门
    implementer: str | None = None  # 实施单位
    project_lead: str | None = None  # 项目负责人
    funding: Funding = field(default_factory=Funding)
    overall_goal: str | None = None  # 年度总体目标, paragraphs joined by "\n"
    indicators: tuple[Indicator, ...] = ()
    title: str | None = None
    year: int | None = None
    extra: tuple[tuple[str, str], ...] = ()  # other header fields, label → text
    source_file: str | None = None
    source_row: int | None = None  # first row of the table in its source
    field_rows: tuple[tuple[str, int], ...] = ()  # header field → row it was read from
    notes: tuple[ReadingNote, ...] = ()  # 读取说明: how the table was read, for the user to see
    columns: tuple[ColumnPlacement, ...] = ()  # how each indicator column was placed (parse --explain)

    def row_of(self, field_name: str) -> int | None:
        return dict(self.field_rows).get(field_name)
