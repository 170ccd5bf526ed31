"""What the department-wide rules (部门整体, JX-D) read from a profile: the ``department`` section, and the scoring
settings for rounding and grades."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..profile import Profile
from ..rules import Subject, settings_builder, settings_for
from ..scoring.settings import ScoringSettings


@dataclass(frozen=True)
class DepartmentSettings:
    full_marks: Decimal  # department.full_marks: what a 评分表's 指标分值 add up to
    funds_tolerance: Decimal  # department.funds_tolerance: 年度主要任务 funds against 预算支出总额, 万元
    scoring: ScoringSettings  # rounding and grade bands


@settings_builder(Subject.DEPARTMENT)
def department_settings(profile: Profile) -> DepartmentSettings:
    section = profile.section("department")
    return DepartmentSettings(
        full_marks=Decimal(str(section["full_marks"])),
        funds_tolerance=Decimal(str(section["funds_tolerance"])),
        scoring=settings_for(profile, Subject.SELFEVAL),
    )
