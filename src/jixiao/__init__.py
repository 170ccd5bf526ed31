"""jixiao (绩效): read, review, score and manage Chinese budget performance target tables."""

from .errors import InputError, JixiaoError, LayoutError, ProfileError, UnitMismatchError, ValueSyntaxError
from .findings import Finding, Location, Report, Severity
from .grid import Cell, Grid
from .model import Funding, Indicator, Kind, Operator, Quantity, Target, TargetTable
from .model_selfeval import MonitoringReport, SelfEvaluation
from .profile import Profile, load_profile
from .reading import read
from .recognize import recognize
from .review import review
from .scoring import MonitorSheet, ScoreSheet, monitor, read_monitoring, read_selfevals, score
from .values import parse_target

__all__ = [
    "Cell",
    "Finding",
    "Funding",
    "Grid",
    "Indicator",
    "InputError",
    "JixiaoError",
    "Kind",
    "LayoutError",
    "Location",
    "MonitorSheet",
    "MonitoringReport",
    "Operator",
    "Profile",
    "ProfileError",
    "Quantity",
    "Report",
    "ScoreSheet",
    "SelfEvaluation",
    "Severity",
    "Target",
    "TargetTable",
    "UnitMismatchError",
    "ValueSyntaxError",
    "load_profile",
    "monitor",
    "parse_target",
    "read",
    "read_monitoring",
    "read_selfevals",
    "recognize",
    "review",
    "score",
]
