"""Building self-evaluations in memory for the scoring tests."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Indicator, TargetTable
from jixiao.model_selfeval import Budget, IndicatorResult, Judgement, SelfEvaluation
from jixiao.recognize.parts import parse_actual
from jixiao.values import parse_target


def result(
    target: str,
    actual: str | None,
    weight: str | int = 10,
    *,
    published: str | None = None,
    judgement: Judgement | None = None,
    rule: str | None = None,
    name: str = "指标",
    deviation: str | None = None,
) -> IndicatorResult:
    indicator = Indicator(
        name=name, target=parse_target(target, name=name), weight=Decimal(str(weight)), scoring_rule=rule
    )
    return IndicatorResult(
        indicator,
        actual=parse_actual(actual, name),
        score=None if published is None else Decimal(published),
        judgement=judgement,
        deviation=deviation,
    )


def selfeval(*results: IndicatorResult, budget: Budget | None = None, total: str | None = None) -> SelfEvaluation:
    table = TargetTable(project_name="测试项目", indicators=tuple(r.indicator for r in results))
    return SelfEvaluation(
        table=table,
        budget=budget or Budget(full_year=Decimal(100), executed=Decimal(100), weight=Decimal(10), score=Decimal(10)),
        results=results,
        published_total=None if total is None else Decimal(total),
    )
