"""The typed model of a 项目支出绩效自评表 (self-evaluation) and a 绩效运行监控表 (monitoring report).

Both wrap the :class:`~jixiao.model.TargetTable` they report on and add what the year-end or mid-year
table says: the budget block, each indicator's actual value, the published scores and the texts.
Everything is frozen; every number is a :class:`~decimal.Decimal`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .model import Indicator, Target, TargetTable


class Judgement(StrEnum):
    """How far a qualitative target was reached (定性指标完成情况)."""

    MET = "达成"  # 达成年度指标
    PARTIAL = "部分达成"  # 部分达成年度指标并具有一定效果
    MISSED = "未达成"  # 未达成年度指标且效果较差
    NOT_APPLICABLE = "不适用"


class Likelihood(StrEnum):
    """完成目标可能性 in a monitoring report."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"


@dataclass(frozen=True)
class Budget:
    """The budget block (预算执行情况) as printed; amounts in ``unit``, rates in %.

    In a monitoring report ``executed`` is the amount executed to the end of ``month`` (1-6月执行数)
    and ``forecast`` the 全年预计执行数.
    """

    initial: Decimal | None = None  # 年初预算数
    full_year: Decimal | None = None  # 全年预算数
    adjusted: Decimal | None = None  # 调整后预算数
    executed: Decimal | None = None  # 全年执行数 / 1-N月执行数
    forecast: Decimal | None = None  # 全年预计执行数
    rate: Decimal | None = None  # 执行率 as printed, in %
    weight: Decimal | None = None  # 分值 of budget execution, when the table prints it
    score: Decimal | None = None  # published 得分
    reason: str | None = None  # 原因 (why the rate is below 90 %)
    unit: str = "万元"
    month: int | None = None  # monitoring: executed to the end of this month
    rate_text: str | None = None
    score_text: str | None = None
    row: int | None = None
    columns: tuple[tuple[str, int], ...] = ()

    def column(self, role: str) -> int | None:
        return dict(self.columns).get(role)


@dataclass(frozen=True)
class IndicatorResult:
    """One 三级指标 of a self-evaluation: the target-table indicator plus what the unit reported."""

    indicator: Indicator
    actual: Target | None = None  # 实际完成值
    score: Decimal | None = None  # published 得分
    score_text: str | None = None
    deviation: str | None = None  # 偏差原因分析及改进措施
    judgement: Judgement | None = None  # given by the unit (actuals file) for a qualitative target
    block: str | None = None  # the block label it is printed under: 年度绩效目标1(40分)
    block_points: Decimal | None = None  # that block's points (40): weights are inferred from it when missing
    columns: tuple[tuple[str, int], ...] = ()  # role → the column of its header, blank cells included

    def column(self, role: str) -> int | None:
        return dict(self.columns).get(role) or self.indicator.source.column(role)

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def weight(self) -> Decimal | None:
        return self.indicator.weight


@dataclass(frozen=True)
class SelfEvaluation:
    """A 项目支出绩效自评表."""

    table: TargetTable
    budget: Budget = field(default_factory=Budget)
    results: tuple[IndicatorResult, ...] = ()
    published_total: Decimal | None = None  # 总分 as printed
    published_grade: str | None = None  # 评价等级 as printed
    deviation: str | None = None  # table-level 偏差原因分析 / 存在问题
    goal_actual: str | None = None  # 年度总体目标 实际完成情况
    form_code: str | None = None  # 报表编号, 510000_0013zp
    indicator_points: Decimal | None = None  # 绩效指标(90分): the points of all indicators together
    total_row: int | None = None
    grade_row: int | None = None
    published: bool = True  # False when built from a target table and an actuals file: nothing to audit

    @property
    def project_name(self) -> str | None:
        return self.table.project_name


@dataclass(frozen=True)
class MonitoredIndicator:
    """One 三级指标 of a monitoring report."""

    indicator: Indicator
    to_date: Target | None = None  # 1-N月实际完成值 / 半年度指标执行情况
    forecast: Target | None = None  # 全年预计完成值
    likelihood: Likelihood | None = None
    likelihood_text: str | None = None
    deviation: str | None = None  # 偏差原因分析
    deviation_category: str | None = None  # 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他
    measures: str | None = None  # 完成目标采取的措施
    remark: str | None = None  # 备注

    @property
    def name(self) -> str:
        return self.indicator.name


@dataclass(frozen=True)
class MonitoringReport:
    """A 绩效运行监控表."""

    table: TargetTable
    budget: Budget = field(default_factory=Budget)
    indicators: tuple[MonitoredIndicator, ...] = ()
    month: int | None = None  # data to the end of this month (6 for 1-6月)
    deviation: str | None = None  # table-level 偏差或不能完成目标原因分析
    suggestions: str | None = None  # 相关建议或举措

    @property
    def project_name(self) -> str | None:
        return self.table.project_name
