"""A department-wide table as JSON: stable snake_case keys, numbers as JSON numbers, the text as written beside them."""

from __future__ import annotations

from typing import Any

from ..jsonout import indicator_dict, number
from ..model_department import DepartmentTable


def department_to_dict(table: DepartmentTable) -> dict[str, Any]:
    return {
        "kind": table.kind.value,
        "title": table.title,
        "year": table.year,
        "department": table.department,
        "department_code": table.department_code,
        "functions": table.functions,
        "overall_goal": table.overall_goal,
        "total_funds": number(table.total_funds),
        "funds_unit": table.funds_unit,
        "tasks": [
            {"name": t.name, "content": t.content, "funds": number(t.funds), "funds_text": t.funds_text}
            for t in table.tasks
        ],
        "indicators": [indicator_dict(indicator) for indicator in table.indicators],
        "scores": [
            {
                "name": s.indicator.name,
                "weight": number(s.indicator.weight),
                "explanation": s.explanation,
                "standard": s.standard,
                "score": number(s.score),
                "score_text": s.score_text,
            }
            for s in table.scores
        ],
        "published_total": number(table.published_total),
        "notes": [note.to_dict() for note in table.notes],
    }
