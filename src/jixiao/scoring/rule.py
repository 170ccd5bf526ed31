"""The bases of the score-audit (自评复核, JX-S) and monitoring (运行监控, JX-K) rules."""

from __future__ import annotations

from ..rules import Rule, Subject
from .monitor import MonitorSettings, MonitorSheet
from .settings import ScoringSettings
from .sheet import ScoreSheet


class SelfEvalRule(Rule[ScoreSheet, ScoringSettings]):
    """A rule over a self-evaluation scored under a profile (the rule-correct scores beside the published ones)."""

    subject = Subject.SELFEVAL


class MonitorRule(Rule[MonitorSheet, MonitorSettings]):
    """A rule over a monitoring report with its traffic lights and forecast."""

    subject = Subject.MONITOR
