"""`monitor(report, profile=…)`: traffic lights and a forecast score for a 绩效运行监控表 (双监控).

Expected progress at the end of month N is N/12 (time elapsed) unless the profile gives a curve of 12
cumulative percentages. Budget execution to date and each quantitative indicator's progress are
lit green / yellow / red by how many percentage points they lag that progress; an indicator's
完成目标可能性 (确定能 / 有可能 / 完全不可能), when given, sets its light. The forecast total scores
the 全年预计执行数 (or the execution to date projected to the year end) and each indicator's 全年预计完成值
(or, without one, the share its likelihood implies) under the scoring rules.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from ..findings import Report
from ..model_selfeval import IndicatorResult, Judgement, Likelihood, MonitoredIndicator, MonitoringReport
from ..profile import Profile, ProfileLike, load_profile
from ..rules import Subject, rules_for, settings_builder, settings_for
from .formulas import Assessment, Status, assess
from .rounding import round_score
from .settings import DENOMINATORS, ScoringSettings, scoring_settings

HUNDRED = Decimal(100)


class Light(StrEnum):
    """A traffic light of 双监控: how far progress lags what the time elapsed expects."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}[self.value]


@dataclass(frozen=True)
class MonitorSettings:
    curve: tuple[Decimal, ...] | None  # 12 cumulative percentages; None = time elapsed
    budget_lights: tuple[Decimal, Decimal]  # (green, yellow) gaps in percentage points
    indicator_lights: tuple[Decimal, Decimal]
    likelihood_lights: dict[Likelihood, Light]
    forecast_execution_min: Decimal
    deviation_required: tuple[Likelihood, ...]

    def expected(self, month: int) -> Decimal:
        """Expected cumulative progress (%) at the end of ``month``."""
        month = max(1, min(12, month))
        if self.curve is not None:
            return self.curve[month - 1]
        return Decimal(month) / 12 * HUNDRED

    def light(self, gap: Decimal, budget: bool) -> Light:
        green, yellow = self.budget_lights if budget else self.indicator_lights
        return Light.GREEN if gap <= green else Light.YELLOW if gap <= yellow else Light.RED


def monitor_settings(profile: Profile) -> MonitorSettings:
    """The typed monitoring settings of ``profile``, built once per resolved profile."""
    settings: MonitorSettings = settings_for(profile, Subject.MONITOR)
    return settings


@settings_builder(Subject.MONITOR)
def build_monitor_settings(profile: Profile) -> MonitorSettings:
    section = profile.section("monitoring")

    def pair(key: str) -> tuple[Decimal, Decimal]:
        return Decimal(str(section[key]["green"])), Decimal(str(section[key]["yellow"]))

    progress = section["progress"]
    return MonitorSettings(
        curve=None if progress == "time" else tuple(Decimal(str(p)) for p in progress),
        budget_lights=pair("budget_lights"),
        indicator_lights=pair("indicator_lights"),
        likelihood_lights={Likelihood(k): Light(v) for k, v in section["likelihood_lights"].items()},
        forecast_execution_min=Decimal(str(section["forecast_execution_min"])),
        deviation_required=tuple(Likelihood(x) for x in section["deviation_required"]),
    )


@dataclass(frozen=True)
class IndicatorWatch:
    item: MonitoredIndicator
    light: Light | None
    progress: Decimal | None  # % of the target reached to date (positive quantitative indicators)
    forecast: Assessment | None  # the 全年预计完成值 scored as an actual
    forecast_share: Fraction | None  # exact
    weight: Decimal | None

    @property
    def name(self) -> str:
        return self.item.name


@dataclass(frozen=True)
class MonitorSheet:
    monitoring: MonitoringReport  # the table read
    settings: MonitorSettings
    scoring: ScoringSettings
    month: int | None
    expected: Decimal | None  # % expected by the end of ``month``
    denominator: Decimal | None
    denominator_label: str
    rate: Decimal | None  # executed to date / denominator, %
    budget_light: Light | None
    forecast_execution: Decimal | None
    forecast_projected: bool  # the forecast was projected from execution to date, not printed
    forecast_rate: Decimal | None
    indicators: tuple[IndicatorWatch, ...]
    forecast_total: Decimal | None
    forecast_grade: str | None
    findings: Report = field(default_factory=Report)  # the JX-K findings

    @property
    def project_name(self) -> str | None:
        return self.monitoring.project_name

    @property
    def profile(self) -> str:
        return self.scoring.profile


def monitor(report: MonitoringReport, profile: ProfileLike = None) -> MonitorSheet:
    """Lights, forecast and findings for ``report`` under ``profile``."""
    loaded = load_profile(profile)
    sheet = compute_monitoring(report, monitor_settings(loaded), scoring_settings(loaded))
    findings = [finding for rule in rules_for(loaded, Subject.MONITOR) for finding in rule.check(sheet)]
    return dataclasses.replace(sheet, findings=Report(tuple(findings), report.project_name))


def compute_monitoring(report: MonitoringReport, settings: MonitorSettings, scoring: ScoringSettings) -> MonitorSheet:
    budget = report.budget
    order = [scoring.denominator, *(d for d in ("full_year", "adjusted", "initial") if d != scoring.denominator)]
    name = next((d for d in order if getattr(budget, d)), None)
    denominator: Decimal | None = getattr(budget, name) if name else None
    month = report.month
    expected = settings.expected(month) if month else None
    rate = budget.executed / denominator * HUNDRED if denominator and budget.executed is not None else None
    budget_light = settings.light(expected - rate, True) if rate is not None and expected is not None else None
    forecast, projected = budget.forecast, False
    if forecast is None and budget.executed is not None and month:
        forecast, projected = budget.executed * 12 / month, True
    forecast_rate = forecast / denominator * HUNDRED if forecast is not None and denominator else None
    watches = _watches(report, settings, scoring, expected)
    execution_weight = budget.weight if budget.weight is not None else scoring.execution_weight
    forecast_share = None
    if forecast is not None and denominator:
        exact = Fraction(budget.executed) * 12 / month if projected and budget.executed is not None and month else None
        forecast_share = (exact if exact is not None else Fraction(forecast)) / Fraction(denominator)
    total = _forecast_total(forecast_share, execution_weight, watches, scoring)
    return MonitorSheet(
        monitoring=report,
        settings=settings,
        scoring=scoring,
        month=month,
        expected=expected,
        denominator=denominator,
        denominator_label=DENOMINATORS[name or scoring.denominator],
        rate=rate,
        budget_light=budget_light,
        forecast_execution=forecast,
        forecast_projected=projected,
        forecast_rate=forecast_rate,
        indicators=watches,
        forecast_total=total,
        forecast_grade=scoring.grade_of(total) if total is not None else None,
    )


def _watches(
    report: MonitoringReport, settings: MonitorSettings, scoring: ScoringSettings, expected: Decimal | None
) -> tuple[IndicatorWatch, ...]:
    tracked = [m for m in report.indicators if m.indicator.target is not None or m.likelihood is not None]
    weights = [m.indicator.weight for m in tracked]
    if tracked and all(w is None for w in weights):
        even = (HUNDRED - scoring.execution_weight) / len(tracked)
        weights = [even] * len(tracked)
    by_row = {id(m): w for m, w in zip(tracked, weights, strict=True)}
    return tuple(_watch(m, settings, scoring, expected, by_row.get(id(m))) for m in report.indicators)


def _watch(
    item: MonitoredIndicator,
    settings: MonitorSettings,
    scoring: ScoringSettings,
    expected: Decimal | None,
    weight: Decimal | None,
) -> IndicatorWatch:
    target, to_date = item.indicator.target, item.to_date
    progress = None
    if (
        target is not None
        and to_date is not None
        and target.value
        and to_date.value is not None
        and target.operator is not None
        and not target.operator.is_reverse
        and target.unit == to_date.unit
    ):
        progress = to_date.value / target.value * HUNDRED
    light = settings.likelihood_lights.get(item.likelihood) if item.likelihood else None
    if light is None and progress is not None and expected is not None:
        light = settings.light(expected - progress, False)
    forecast = assess(IndicatorResult(item.indicator, actual=item.forecast), scoring) if item.forecast else None
    share = forecast.share if forecast is not None and forecast.status != Status.UNSCORABLE else None
    if share is None and item.likelihood is not None:
        share = _likelihood_share(item.likelihood, scoring)
    return IndicatorWatch(item, light, progress, forecast, share, weight)


def _likelihood_share(likelihood: Likelihood, scoring: ScoringSettings) -> Fraction:
    if likelihood is Likelihood.CERTAIN:
        return Fraction(1)
    tier = scoring.tier(Judgement.PARTIAL if likelihood is Likelihood.POSSIBLE else Judgement.MISSED)
    return Fraction(tier.default) if tier is not None else Fraction(0)


def _forecast_total(
    forecast_share: Fraction | None, weight: Decimal, watches: tuple[IndicatorWatch, ...], scoring: ScoringSettings
) -> Decimal | None:
    """The forecast execution score plus each indicator's forecast score, summed exactly and rounded once.

    A forecast fills in no published cell, so it is rounded as a whole: seven indicators sharing 90
    points evenly forecast 90, not 7 × 12.86 = 90.02.
    """
    if forecast_share is None:
        return None
    total = min(forecast_share, Fraction(1)) * Fraction(weight)
    for watch in watches:
        if watch.weight is None:
            continue
        if watch.forecast_share is None:
            return None
        total += watch.forecast_share * Fraction(watch.weight)
    return round_score(total, scoring)
