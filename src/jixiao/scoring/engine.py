"""`score(selfeval, profile=…)`: recompute a self-evaluation under a profile and audit what was published.

Execution score = min(executed / denominator, 1) × weight; each indicator earns its share (see
:mod:`.formulas`) of its weight; not-applicable indicators drop out and the others are rescaled to keep
the indicator points; every score is rounded once; total = execution + indicators; the grade follows
the profile's bands. The audit rules (JX-S…) then compare each published number with the recomputed one.
"""

from __future__ import annotations

import dataclasses
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from ..findings import Report
from ..model_selfeval import Budget, IndicatorResult, SelfEvaluation
from ..profile import ProfileLike, load_profile
from ..rules import Subject, rules_for
from .formulas import Assessment, Status, assess
from .rounding import as_decimal, round_exact, round_score
from .settings import DENOMINATORS, ScoringSettings, scoring_settings
from .sheet import BudgetScore, IndicatorScore, ScoreSheet
from .weights import infer_weights

HUNDRED = Decimal(100)


def score(selfeval: SelfEvaluation, profile: ProfileLike = None) -> ScoreSheet:
    """The rule-correct scores of ``selfeval`` under ``profile`` (a name, a path or a loaded profile)."""
    loaded = load_profile(profile)
    sheet = compute(selfeval, scoring_settings(loaded))
    rules = [rule for rule in rules_for(loaded, Subject.SELFEVAL) if selfeval.published or not rule.audits_published]
    findings = [finding for rule in rules for finding in rule.check(sheet)]
    return dataclasses.replace(sheet, findings=Report(tuple(findings), selfeval.project_name))


def compute(selfeval: SelfEvaluation, settings: ScoringSettings) -> ScoreSheet:
    """The scores alone, without the audit."""
    budget = budget_score(selfeval.budget, settings)
    assessments = [assess(result, settings) for result in selfeval.results]
    pool = selfeval.indicator_points or (HUNDRED - budget.weight)
    weights = infer_weights(selfeval.results, assessments, pool)
    factor = _rescale_factor(weights, assessments, settings)
    indicators = tuple(
        _indicator_score(result, assessment, weight, inferred, factor, settings)
        for result, assessment, (weight, inferred) in zip(selfeval.results, assessments, weights, strict=True)
    )
    counted = (i for i in indicators if i.status != Status.NOT_APPLICABLE and i.result.indicator.parent is None)
    parts = [budget.score, *(i.score for i in counted)]  # a 其中… row is part of the indicator above it
    scored_total = sum((p for p in parts if p is not None), Decimal(0))
    complete = all(p is not None for p in parts)
    total = scored_total if complete else None
    grade = settings.grade_of(total) if total is not None else None
    return ScoreSheet(selfeval, settings, budget, indicators, total, scored_total, grade)


def budget_score(budget: Budget, settings: ScoringSettings) -> BudgetScore:
    """min(executed / denominator, 1) × weight, the denominator chosen by the profile with fallbacks."""
    order = [settings.denominator, *(d for d in ("full_year", "adjusted", "initial") if d != settings.denominator)]
    name = next((d for d in order if getattr(budget, d) is not None and getattr(budget, d) != 0), None)
    denominator = getattr(budget, name) if name else None
    weight = budget.weight if budget.weight is not None else settings.execution_weight
    rate = None
    points = None
    exact = None
    if denominator is not None and budget.executed is not None:
        rate = budget.executed / denominator * HUNDRED
        exact = min(Fraction(budget.executed) / Fraction(denominator), Fraction(1)) * Fraction(weight)
        points = round_score(exact, settings)
    return BudgetScore(
        denominator=denominator,
        denominator_label=DENOMINATORS[name or settings.denominator],
        executed=budget.executed,
        rate=rate,
        weight=weight,
        score=points,
        published_score=budget.score,
        published_rate=budget.rate,
        unit=budget.unit,
        exact=exact,
    )


def _rescale_factor(
    weights: list[tuple[Decimal | None, bool]], assessments: list[Assessment], settings: ScoringSettings
) -> Fraction:
    """Indicator points / applicable points, so that dropping a not-applicable indicator keeps the total."""
    if settings.not_applicable != "rescale":
        return Fraction(1)
    total = sum((w for w, _i in weights if w is not None), Decimal(0))
    pairs = zip(weights, assessments, strict=True)
    dropped = sum((w for (w, _i), a in pairs if w is not None and a.status == Status.NOT_APPLICABLE), Decimal(0))
    if dropped == 0 or total == dropped:
        return Fraction(1)
    return Fraction(total) / Fraction(total - dropped)


def _indicator_score(
    result: IndicatorResult,
    assessment: Assessment,
    weight: Decimal | None,
    inferred: bool,
    factor: Fraction,
    settings: ScoringSettings,
) -> IndicatorScore:
    """The share × the (rescaled) weight, computed exactly and rounded once, never above the weight."""
    exact = None if weight is None else Fraction(weight) if factor == 1 else Fraction(weight) * factor
    points = earned = None
    if assessment.share is not None and exact is not None and assessment.status != Status.NOT_APPLICABLE:
        cap = round_exact(exact, settings.places, ROUND_DOWN)
        earned = assessment.share * exact
        points = min(round_score(earned, settings), cap)
    effective = None if exact is None else weight if factor == 1 else as_decimal(exact)
    return IndicatorScore(result, assessment, weight, inferred, effective, points, earned)
