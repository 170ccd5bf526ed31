"""jixiao (绩效): read, review, score and manage Chinese budget performance target tables."""

from .errors import InputError, JixiaoError, LayoutError, UnitMismatchError, ValueSyntaxError
from .grid import Cell, Grid
from .model import Funding, Indicator, Kind, Operator, Quantity, Target, TargetTable
from .reading import read
from .recognize import recognize
from .review import review
from .values import parse_target

__all__ = [
    "Cell",
    "Funding",
    "Grid",
    "Indicator",
    "InputError",
    "JixiaoError",
    "Kind",
    "LayoutError",
    "Operator",
    "Quantity",
    "Target",
    "TargetTable",
    "UnitMismatchError",
    "ValueSyntaxError",
    "parse_target",
    "read",
    "recognize",
    "review",
]
