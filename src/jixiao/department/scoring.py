"""A department's 评分表 re-added under a profile, and the department-wide rules (JX-D) run over it.

The 评分标准 of a department-wide table are judgements (基础数据信息是否真实(1分)) that jixiao cannot make again; what
it checks is what the numbers say — no score above its 分值, 分值 adding to the profile's full marks
(``department.full_marks``), the total (each score at most its 分值) and grade against the published ones, and the
年度主要任务's funds against the total funds (``department.funds_tolerance``). A grade is given only when the 分值
fill the full marks (a 评分表 cut short would otherwise get a grade for the part that was read), from the total on a
scale of 100.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import Report
from ..model_department import DepartmentTable
from ..profile import ProfileLike, load_profile
from ..rules import Subject, rules_for, settings_for
from ..scoring.rounding import round_score


@dataclass(frozen=True)
class DepartmentLine:
    name: str
    level1: str | None
    weight: Decimal | None  # 指标分值
    score: Decimal | None  # the score the rules allow: the published one, no more than the 分值
    published_score: Decimal | None  # 自评得分 as published
    standard: str | None  # 评分标准
    above_weight: bool  # the score is more than the 分值
    row: int | None


@dataclass(frozen=True)
class DepartmentSheet:
    table: DepartmentTable
    profile: str
    lines: tuple[DepartmentLine, ...]
    weight_total: Decimal | None  # Σ 分值, None when one is missing
    full_marks: Decimal
    total: Decimal | None  # Σ 自评得分, rounded as the profile says; None when one is missing
    grade: str | None  # from the total, only when the 分值 fill the full marks
    tasks_funds: Decimal | None  # Σ 年度主要任务 funds, None when a task has none
    findings: Report = field(default_factory=Report)

    @property
    def department(self) -> str | None:
        return self.table.department

    @property
    def published_total(self) -> Decimal | None:
        return self.table.published_total

    @property
    def total_funds(self) -> Decimal | None:
        return self.table.total_funds

    @property
    def funds_unit(self) -> str:
        return self.table.funds_unit

    @property
    def tasks_row(self) -> int | None:
        return self.table.tasks[0].row if self.table.tasks else None


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    """The sum, or None when one of the values is missing."""
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if len(known) == len(values) else None


def _capped(score: Decimal | None, weight: Decimal | None) -> Decimal | None:
    if score is None or weight is None:
        return score
    return min(score, weight)


def score_department(
    table: DepartmentTable,
    profile: ProfileLike = None,
    *,
    selectors: Sequence[str] | None = None,
    ignore: Iterable[str] = (),
) -> DepartmentSheet:
    """The 评分表 of ``table`` re-added and the JX-D rules run over it under ``profile``."""
    resolved = load_profile(profile)
    settings = settings_for(resolved, Subject.DEPARTMENT)
    lines = tuple(
        DepartmentLine(
            name=item.indicator.name,
            level1=item.indicator.level1,
            weight=item.indicator.weight,
            score=_capped(item.score, item.indicator.weight),
            published_score=item.score,
            standard=item.standard,
            above_weight=item.score is not None
            and item.indicator.weight is not None
            and item.score > item.indicator.weight,
            row=item.indicator.source.row,
        )
        for item in table.scores
    )
    weights = _sum([line.weight for line in lines]) if lines else None
    added = _sum([line.score for line in lines]) if lines else None
    total = round_score(added, settings.scoring) if added is not None else None
    full = weights is not None and weights == settings.full_marks
    sheet = DepartmentSheet(
        table=table,
        profile=resolved.name,
        lines=lines,
        weight_total=weights,
        full_marks=settings.full_marks,
        total=total,
        grade=settings.scoring.grade_of(total * 100 / settings.full_marks) if total is not None and full else None,
        tasks_funds=_sum([task.funds for task in table.tasks]) if table.tasks else None,
    )
    findings = [
        finding
        for rule in rules_for(resolved, Subject.DEPARTMENT, selectors, tuple(ignore))
        if not (rule.audits_published and not lines)
        for finding in rule.check(sheet)
    ]
    return DepartmentSheet(**{**sheet.__dict__, "findings": Report(tuple(findings), table.department)})
