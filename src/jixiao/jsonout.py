"""The model as JSON-ready dicts (stable snake_case keys, numbers as JSON numbers)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .model import Indicator, Target, TargetTable


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: integral values as int, others as float of their text."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def target_dict(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {
        "text": target.text,
        "operator": target.operator.value if target.operator else None,
        "value": number(target.value),
        "upper": number(target.upper),
        "unit": target.unit,
        "unit_source": target.unit_source.value if target.unit_source else None,
        "kind": target.kind.value,
        "date": target.date,
        "approximate": target.approximate,
    }


def prior_dict(prior: Target | None) -> dict[str, Any] | None:
    if prior is None:
        return None
    return {"text": prior.text, "value": number(prior.value), "unit": prior.unit}


def indicator_dict(indicator: Indicator) -> dict[str, Any]:
    return {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "level1_text": indicator.level1_text,
        "level2_text": indicator.level2_text,
        "number": indicator.number,
        "name": indicator.name,
        "target": target_dict(indicator.target),
        "basis": indicator.basis,
        "prior": prior_dict(indicator.prior),
        "weight": number(indicator.weight),
        "scoring_rule": indicator.scoring_rule,
        "evidence": indicator.evidence,
        "extra": dict(indicator.extra),
        "row": indicator.source.row,
        "parent": indicator.parent,
        "periods": [
            {"period": period.period, "name": period.name, "target": target_dict(period.target)}
            for period in indicator.periods
        ],
    }


def table_dict(table: TargetTable) -> dict[str, Any]:
    funding = table.funding
    return {
        "title": table.title,
        "year": table.year,
        "project_name": table.project_name,
        "budget_unit": table.budget_unit,
        "department": table.department,
        "implementer": table.implementer,
        "project_lead": table.project_lead,
        "funding": {
            "total": number(funding.total),
            "fiscal": number(funding.fiscal),
            "other": number(funding.other),
            "unit": funding.unit,
        },
        "overall_goal": table.overall_goal,
        "indicators": [indicator_dict(indicator) for indicator in table.indicators],
        "source": {"file": table.source_file, "row": table.source_row},
        "notes": [note.to_dict() for note in table.notes],
    }


def parse_document(tables: list[TargetTable]) -> dict[str, Any]:
    return {"tables": [table_dict(table) for table in tables]}


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
