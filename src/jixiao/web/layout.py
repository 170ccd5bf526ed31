"""The official layout of a target table for templates: merged 一级/二级 cells as rowspans, findings per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.findings import Finding
from jixiao.model import Indicator

from .services.findings import Review, finding_key
from .services.tabledata import InputProblem


@dataclass
class Row:
    index: int
    indicator: Indicator
    level1_span: int = 0  # 0: covered by the cell above
    level2_span: int = 0
    findings: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, its key)
    problems: list[InputProblem] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    marks: dict[str, str] = field(default_factory=dict)  # field → worst severity there, for the cell's class


def rows(result: Review, comments: list[dict[str, Any]] | None = None) -> list[Row]:
    indicators = result.table.indicators
    laid = [Row(i, ind) for i, ind in enumerate(indicators)]
    for level, attribute in (("level1", "level1_span"), ("level2", "level2_span")):
        start = 0
        for i in range(1, len(laid) + 1):
            same = i < len(laid) and _key(laid[i].indicator, level) == _key(laid[start].indicator, level)
            if not same:
                setattr(laid[start], attribute, i - start)
                start = i
    for row in laid:
        row.findings = [(f, finding_key(f)) for f in result.for_indicator(row.indicator.name)]
        row.problems = [p for p in result.problems if p.indicator == row.index]
        for finding, _finding_key in reversed(row.findings):
            name = finding.location.field or "name"
            if row.marks.get(name) != "error":
                row.marks[name] = finding.severity.value
        for problem in row.problems:
            row.marks[problem.field] = "error"
    for comment in comments or []:
        index = comment.get("index")
        if isinstance(index, int) and 0 <= index < len(laid) and laid[index].indicator.name == comment.get("name"):
            laid[index].comments.append(comment["comment"])
        else:
            for row in laid:
                if row.indicator.name == comment.get("name"):
                    row.comments.append(comment["comment"])
                    break
    return laid


def _key(indicator: Indicator, level: str) -> tuple[str | None, ...]:
    if level == "level1":
        return (indicator.level1_text or indicator.level1,)
    return (indicator.level1_text or indicator.level1, indicator.level2_text or indicator.level2)
