"""The score sheet: the rule-correct scores of a self-evaluation beside the published ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..cells import decimal_text
from ..findings import Report
from ..model import Target
from ..model_selfeval import IndicatorResult, SelfEvaluation
from .formulas import Assessment, Status
from .settings import ScoringSettings


@dataclass(frozen=True)
class BudgetScore:
    """预算执行率 and its score. ``rate`` is uncapped (it may exceed 100); the score uses min(rate, 100)."""

    denominator: Decimal | None
    denominator_label: str  # 全年预算数 / 调整后预算数 / 年初预算数
    executed: Decimal | None
    rate: Decimal | None  # in %, unrounded
    weight: Decimal
    score: Decimal | None
    published_score: Decimal | None
    published_rate: Decimal | None
    unit: str = "万元"
    exact: Fraction | None = None  # the score before rounding

    @property
    def over_executed(self) -> bool:
        return self.rate is not None and self.rate > 100


@dataclass(frozen=True)
class IndicatorScore:
    result: IndicatorResult
    assessment: Assessment
    weight: Decimal | None  # as printed, or inferred
    weight_inferred: bool
    effective_weight: Decimal | None  # after rescaling for not-applicable indicators
    score: Decimal | None  # rule-correct, rounded once
    exact: Fraction | None = None  # the score before rounding (capped at the weight)

    @property
    def name(self) -> str:
        return self.result.name

    @property
    def target(self) -> Target | None:
        return self.result.indicator.target

    @property
    def actual(self) -> Target | None:
        return self.result.actual

    @property
    def published_score(self) -> Decimal | None:
        return self.result.score

    @property
    def status(self) -> str:
        return self.assessment.status

    @property
    def rescaled(self) -> bool:
        """True when not-applicable indicators changed this (applicable) indicator's weight."""
        return (
            self.status != Status.NOT_APPLICABLE
            and self.weight is not None
            and self.effective_weight is not None
            and self.effective_weight != self.weight
        )

    @property
    def rule(self) -> str:
        if not self.rescaled or self.effective_weight is None or self.weight is None:
            return self.assessment.rule
        shown = self.effective_weight.quantize(Decimal("0.01")).normalize()
        return f"{self.assessment.rule}；有不适用指标，分值 {decimal_text(self.weight)} 折算为 {decimal_text(shown)}"

    @property
    def full(self) -> bool:
        return self.score is not None and self.effective_weight is not None and self.score >= self.effective_weight


@dataclass(frozen=True)
class ScoreSheet:
    selfeval: SelfEvaluation
    settings: ScoringSettings
    budget: BudgetScore
    indicators: tuple[IndicatorScore, ...]
    total: Decimal | None  # None when some indicator could not be scored
    scored_total: Decimal  # the sum of what could be scored
    grade: str | None
    findings: Report = field(default_factory=Report)  # the JX-S findings

    @property
    def project_name(self) -> str | None:
        return self.selfeval.project_name

    @property
    def published_total(self) -> Decimal | None:
        return self.selfeval.published_total

    @property
    def published_grade(self) -> str | None:
        return self.selfeval.published_grade

    @property
    def profile(self) -> str:
        return self.settings.profile
