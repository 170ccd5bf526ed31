"""The base of the department-wide rules (部门整体, JX-D): a rule over a department table with its 评分表 re-added."""

from __future__ import annotations

from ..rules import Rule, Subject
from .scoring import DepartmentSheet
from .settings import DepartmentSettings


class DepartmentRule(Rule[DepartmentSheet, DepartmentSettings]):
    subject = Subject.DEPARTMENT
