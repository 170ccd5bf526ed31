"""A table as the web app stores it: the texts as written, turned to and from the core model.

The store keeps what the unit typed (``"≥2400人"``, ``"114,352.00"``) so an edit never loses a form of writing;
the core model is built from it for review, display and export.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao import fields
from jixiao.cells import is_blank
from jixiao.errors import JixiaoError
from jixiao.model import Funding, Indicator, Target, TargetTable
from jixiao.taxonomy import canonical_level1, canonical_level2
from jixiao.values import normalize, parse_number, parse_target

HEADER_FIELDS = ("project_name", "budget_unit", "department", "implementer", "project_lead", "overall_goal")
#: The indicator columns of the official layout, in order (指标编号 is kept apart, with the name).
INDICATOR_FIELDS = tuple(column.name for column in fields.INDICATOR)
#: What a row keeps beside its columns: ``library``, the 指标库 entry the indicator was taken from (its key,
#: 二级|项目类别|名称), copied with the row into every later version (目标调整 included).
ROW_MARKS = ("library",)
FUNDING_FIELDS = ("total", "fiscal", "other")


@dataclass(frozen=True)
class InputProblem:
    """A cell the web form could not read as a number (not a review finding: the table cannot be built)."""

    field: str
    text: str
    message: str
    indicator: int | None = None  # 0-based position of the indicator


def _text(value: Decimal | None, written: str | None) -> str:
    if written is not None:
        return written
    return "" if value is None else str(value)


def _target_text(target: Target | None) -> str:
    return "" if target is None else target.text


def data_from_table(table: TargetTable) -> dict[str, Any]:
    """The stored form of a recognized table."""
    funding = table.funding
    return {
        "year": table.year,
        **{name: getattr(table, name) or "" for name in HEADER_FIELDS},
        "funding": {
            "total": _text(funding.total, funding.total_text),
            "fiscal": _text(funding.fiscal, funding.fiscal_text),
            "other": _text(funding.other, funding.other_text),
            "unit": funding.unit,
        },
        "indicators": [
            {
                "level1": ind.level1_text or ind.level1 or "",
                "level2": ind.level2_text or ind.level2 or "",
                "number": ind.number or "",
                "name": ind.name,
                "target": _target_text(ind.target),
                "basis": ind.basis or "",
                "prior": _target_text(ind.prior),
                "weight": "" if ind.weight is None else str(ind.weight),
                "scoring_rule": ind.scoring_rule or "",
                "evidence": ind.evidence or "",
            }
            for ind in table.indicators
        ],
    }


def read_number(text: str, field: str, problems: list[InputProblem], index: int | None = None) -> Decimal | None:
    """A number cell as typed (114,352.00, 12万元), or None when blank; a problem noted when it is not a number."""
    cleaned = normalize(text or "")
    if is_blank(cleaned):
        return None
    for suffix in ("万元", "元", "万", "分"):
        cleaned = cleaned.removesuffix(suffix)
    try:
        return parse_number(cleaned)
    except JixiaoError:
        problems.append(InputProblem(field, text, f"“{text}”不是数字", index))
        return None


def _indicator(row: dict[str, str], index: int, problems: list[InputProblem]) -> Indicator:
    name = (row.get("name") or "").strip()
    level1_text = (row.get("level1") or "").strip() or None
    level2_text = (row.get("level2") or "").strip() or None
    return Indicator(
        name=name,
        level1=canonical_level1(level1_text) or level1_text,
        level2=canonical_level2(level2_text) or level2_text,
        level1_text=level1_text,
        level2_text=level2_text,
        number=(row.get("number") or "").strip() or None,
        target=parse_target(row.get("target"), name=name),
        basis=(row.get("basis") or "").strip() or None,
        prior=parse_target(row.get("prior"), name=name),
        weight=read_number(row.get("weight", ""), "weight", problems, index),
        scoring_rule=(row.get("scoring_rule") or "").strip() or None,
        evidence=(row.get("evidence") or "").strip() or None,
    )


def table_from_data(data: dict[str, Any]) -> tuple[TargetTable, list[InputProblem]]:
    """The core model of a stored table, and the cells that could not be read."""
    problems: list[InputProblem] = []
    written = data.get("funding") or {}
    amounts = {part: read_number(written.get(part, ""), f"funding.{part}", problems) for part in FUNDING_FIELDS}
    funding = Funding(
        total=amounts["total"],
        fiscal=amounts["fiscal"],
        other=amounts["other"],
        unit=written.get("unit") or "万元",
        total_text=written.get("total") or None,
        fiscal_text=written.get("fiscal") or None,
        other_text=written.get("other") or None,
    )
    indicators = tuple(_indicator(row, index, problems) for index, row in enumerate(data.get("indicators", [])))
    header = {name: (data.get(name) or "").strip() or None for name in HEADER_FIELDS}
    table = TargetTable(
        project_name=header["project_name"],
        budget_unit=header["budget_unit"],
        department=header["department"],
        implementer=header["implementer"],
        project_lead=header["project_lead"],
        overall_goal=header["overall_goal"],
        funding=funding,
        indicators=indicators,
        year=data.get("year"),
        title="项目支出绩效目标表",
    )
    return table, problems


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields that differ between two stored tables, for the audit trail."""
    before = before or {}
    changes: list[dict[str, Any]] = []
    for name in ("year", *HEADER_FIELDS):
        if before.get(name) != after.get(name):
            changes.append({"field": name, "before": before.get(name), "after": after.get(name)})
    for part in (*FUNDING_FIELDS, "unit"):
        old, new = (before.get("funding") or {}).get(part), (after.get("funding") or {}).get(part)
        if old != new:
            changes.append({"field": f"funding.{part}", "before": old, "after": new})
    old_rows, new_rows = before.get("indicators", []), after.get("indicators", [])
    for index in range(max(len(old_rows), len(new_rows))):
        old_row = old_rows[index] if index < len(old_rows) else {}
        new_row = new_rows[index] if index < len(new_rows) else {}
        for name in (*INDICATOR_FIELDS, *ROW_MARKS):
            if old_row.get(name, "") != new_row.get(name, ""):
                changes.append(
                    {
                        "field": f"indicators[{index + 1}].{name}",
                        "indicator": new_row.get("name") or old_row.get("name"),
                        "before": old_row.get(name),
                        "after": new_row.get(name),
                    }
                )
    return changes
