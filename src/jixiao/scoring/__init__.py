"""Scoring (绩效自评) and monitoring (绩效运行监控): recompute published tables under a profile and audit them.

``score(selfeval, profile=…)`` returns a :class:`ScoreSheet`; ``monitor(report, profile=…)`` a
:class:`MonitorSheet`. What differs between jurisdictions lives in the profile's ``scoring`` and
``monitoring`` sections.
"""

from . import rules as _rules  # noqa: F401  (registers the JX-S and JX-K rules)
from .engine import score
from .monitor import MonitorSheet, monitor
from .reading import document_kind, read_monitoring, read_selfevals
from .sheet import BudgetScore, IndicatorScore, ScoreSheet

__all__ = [
    "BudgetScore",
    "IndicatorScore",
    "MonitorSheet",
    "ScoreSheet",
    "document_kind",
    "monitor",
    "read_monitoring",
    "read_selfevals",
    "score",
]
