"""The base of the review rules (绩效目标审核): a rule over a target table, reading the review settings."""

from __future__ import annotations

from ..model import TargetTable
from ..rules import Rule, Subject
from .settings import ReviewSettings


class TargetRule(Rule[TargetTable, ReviewSettings]):
    subject = Subject.TARGET
