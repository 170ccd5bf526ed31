"""The base of the cross-year rules (跨年度, JX-Y): a rule over one project's history."""

from __future__ import annotations

from ..rules import Rule, Subject
from .history import History
from .settings import HistorySettings


class HistoryRule(Rule[History, HistorySettings]):
    subject = Subject.HISTORY
