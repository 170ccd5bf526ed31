"""Department-wide tables (部门整体): reading them into :class:`~jixiao.model_department.DepartmentTable`, scoring a
评分表 under a profile, and their JSON."""

from ..model_department import DepartmentKind, DepartmentTable, RubricScore, Task
from . import settings as _settings  # noqa: F401  (registers the department settings)
from .jsonout import department_to_dict
from .reading import read_departments
from .scoring import DepartmentLine, DepartmentSheet, score_department

__all__ = [
    "DepartmentKind",
    "DepartmentLine",
    "DepartmentSheet",
    "DepartmentTable",
    "RubricScore",
    "Task",
    "department_to_dict",
    "read_departments",
    "score_department",
]
