"""Score sheets and monitoring sheets as JSON-ready dicts (schemas/score.schema.json, monitor.schema.json)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..jsonout import number, target_dict
from .formulas import Status
from .monitor import MonitorSheet
from .sheet import IndicatorScore, ScoreSheet

_CENT = Decimal("0.01")


def _rate(value: Decimal | None) -> int | float | None:
    return None if value is None else number(value.quantize(_CENT, rounding=ROUND_HALF_UP))


def indicator_score_dict(item: IndicatorScore) -> dict[str, Any]:
    indicator = item.result.indicator
    return {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "name": item.name,
        "target": target_dict(item.target),
        "actual": target_dict(item.actual),
        "weight": number(item.weight),
        "weight_inferred": item.weight_inferred,
        # after rescaling for not-applicable indicators; null for a not-applicable one
        "effective_weight": None if item.status == Status.NOT_APPLICABLE else _rate(item.effective_weight),
        "score": number(item.score),
        "published_score": number(item.published_score),
        "status": item.status,
        "judgement": item.assessment.judgement.value if item.assessment.judgement else None,
        "rule": item.rule,
        "deviation": item.result.deviation,
        "row": indicator.source.row,
    }


def score_table_dict(sheet: ScoreSheet) -> dict[str, Any]:
    budget = sheet.budget
    return {
        "project_name": sheet.project_name,
        "profile": sheet.profile,
        "source": {"file": sheet.selfeval.table.source_file, "row": sheet.selfeval.table.source_row},
        "budget": {
            "full_year": number(budget.denominator),
            "denominator": budget.denominator_label,
            "executed": number(budget.executed),
            "rate": _rate(budget.rate),
            "published_rate": number(budget.published_rate),
            "weight": number(budget.weight),
            "score": number(budget.score),
            "published_score": number(budget.published_score),
            "unit": budget.unit,
        },
        "indicators": [indicator_score_dict(item) for item in sheet.indicators],
        "total": number(sheet.total),
        "scored_total": number(sheet.scored_total),
        "grade": sheet.grade,
        "published_total": number(sheet.published_total),
        "published_grade": sheet.published_grade,
        "findings": [finding.to_dict() for finding in sheet.findings.findings],
    }


def score_document(sheets: list[ScoreSheet]) -> dict[str, Any]:
    return {"tables": [score_table_dict(sheet) for sheet in sheets]}


def monitor_table_dict(sheet: MonitorSheet) -> dict[str, Any]:
    budget = sheet.monitoring.budget
    return {
        "project_name": sheet.project_name,
        "profile": sheet.profile,
        "month": sheet.month,
        "expected_progress": _rate(sheet.expected),
        "budget": {
            "denominator": sheet.denominator_label,
            "full_year": number(sheet.denominator),
            "executed_to_date": number(budget.executed),
            "rate": _rate(sheet.rate),
            "light": sheet.budget_light,
            "forecast": _rate(sheet.forecast_execution),
            "forecast_projected": sheet.forecast_projected,
            "forecast_rate": _rate(sheet.forecast_rate),
            "unit": budget.unit,
        },
        "indicators": [
            {
                "level1": watch.item.indicator.level1,
                "name": watch.name,
                "target": target_dict(watch.item.indicator.target),
                "to_date": target_dict(watch.item.to_date),
                "forecast": target_dict(watch.item.forecast),
                "likelihood": watch.item.likelihood.value if watch.item.likelihood else None,
                "progress": _rate(watch.progress),
                "light": watch.light,
                "deviation": watch.item.deviation,
                "deviation_category": watch.item.deviation_category,
                "measures": watch.item.measures,
            }
            for watch in sheet.indicators
        ],
        "forecast_total": number(sheet.forecast_total),
        "forecast_grade": sheet.forecast_grade,
        "findings": [finding.to_dict() for finding in sheet.findings.findings],
    }


def monitor_document(sheets: list[MonitorSheet]) -> dict[str, Any]:
    return {"tables": [monitor_table_dict(sheet) for sheet in sheets]}
