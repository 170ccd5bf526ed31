"""The department-wide kind (部门整体支出绩效目标表 / 自评表 and their 评分表): a department instead of a project.

A :class:`DepartmentTable` holds the department, its 年度主要任务 with their funds, the annual goal and the indicators
— a 目标表's with targets, a 评分表's with each indicator's 分值, 评分标准 and 自评得分.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .model import Indicator
from .notes import ReadingNote


class DepartmentKind(StrEnum):
    TARGET = "dept-target"  # 部门整体支出绩效目标表
    SELFEVAL = "dept-selfeval"  # 部门整体支出绩效自评表 / 评价表 / 评分表


@dataclass(frozen=True)
class Task:
    """One 年度主要任务: its name, what it covers and the funds set for it (万元 unless the table says)."""

    name: str
    content: str | None = None
    funds: Decimal | None = None
    funds_text: str | None = None
    row: int | None = None


@dataclass(frozen=True)
class RubricScore:
    """An indicator of a 评分表 with what the department gave itself: 指标解释, 评分标准, 自评得分 as printed."""

    indicator: Indicator
    explanation: str | None = None  # 指标解释
    standard: str | None = None  # 评分标准 / 计分标准
    score: Decimal | None = None  # 自评得分
    score_text: str | None = None


@dataclass(frozen=True)
class DepartmentTable:
    kind: DepartmentKind
    department: str | None = None  # 部门名称 / 预算部门
    department_code: str | None = None  # 部门编码
    functions: str | None = None  # 部门职能职责概述
    overall_goal: str | None = None  # 年度绩效总目标 / 年度总体目标
    total_funds: Decimal | None = None  # 预算支出总额 / 年度资金总额
    funds_unit: str = "万元"
    tasks: tuple[Task, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    scores: tuple[RubricScore, ...] = ()  # a 评分表's rows, one per indicator, in order
    published_total: Decimal | None = None
    total_row: int | None = None  # the 总分 row
    grade: str | None = None  # 评价等级 by the scoring rules (jixiao convert --score); reading leaves it None
    title: str | None = None
    year: int | None = None
    source_file: str | None = None
    source_row: int | None = None
    notes: tuple[ReadingNote, ...] = ()
