"""Reading self-evaluations and monitoring reports from files, through the readers and the one recognizer.

A grid's kind is read from its title (…自评表, …监控表) or, failing that, from its columns: a
完成目标可能性 or 1-6月 column makes a monitoring report, an 实际完成值 or 得分 column a self-evaluation.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import LayoutError
from ..grid import Grid
from ..model_selfeval import MonitoringReport, SelfEvaluation
from ..reading import read_grids
from ..recognize import recognize
from ..recognize.budget import is_budget_header
from ..recognize.columns import is_indicator_header
from ..recognize.labels import budget_role, column_role
from ..recognize.monitor import recognize_monitoring
from ..recognize.selfeval import recognize_selfevals

TARGET, SELFEVAL, MONITOR = "target", "selfeval", "monitor"
_MONITOR_COLUMNS = {"likelihood", "actual_to_date", "forecast"}
_SELFEVAL_COLUMNS = {"actual", "score", "deviation"}
#: The budget columns that make a kind: 1-6月执行数 a monitoring report, 得分 a self-evaluation.
_BUDGET_KINDS = {"executed_to_date", "score"}
KIND_NAMES = {TARGET: "绩效目标表", SELFEVAL: "绩效自评表", MONITOR: "绩效运行监控表"}


def document_kind(grid: Grid) -> str:
    """'target', 'selfeval' or 'monitor'."""
    title = grid.title or ""
    if "自评" in title:
        return SELFEVAL
    if "监控" in title:
        return MONITOR
    texts = {cell.text for row in grid.rows for cell in row}
    roles = {column_role(text) for text in texts if text and not text.isspace()}
    budget: set[str | None] = set()
    if {budget_role(text)[0] for text in texts} & _BUDGET_KINDS:  # else no budget header can name them
        budget = {budget_role(cell.text)[0] for row in grid.rows if is_budget_header(row) for cell in row}
    if roles & _MONITOR_COLUMNS or "executed_to_date" in budget:
        return MONITOR
    if roles & _SELFEVAL_COLUMNS or "score" in budget:
        return SELFEVAL
    return TARGET


def _of_kind(path: str | Path, kind: str) -> list[Grid]:
    grids = read_grids(path)
    chosen = [grid for grid in grids if document_kind(grid) == kind]
    if not chosen and not any(is_indicator_header(row) for grid in grids for row in grid.rows):
        recognize(grids[0])  # no table at all: the recognizer says what is missing (找不到指标表头行)
    if not chosen:
        kinds = {document_kind(grid) for grid in grids}
        found = "、".join(KIND_NAMES[k] for k in sorted(kinds))
        hint = "；对目标表评分请用 --actuals 给出实际完成值文件" if kind == SELFEVAL and kinds == {TARGET} else ""
        raise LayoutError(f"文件里没有{KIND_NAMES[kind]}（找到的是{found}）{hint}", file=str(path))
    return chosen


def read_selfevals(path: str | Path) -> list[SelfEvaluation]:
    """All self-evaluation tables in the file at ``path``."""
    return [se for grid in _of_kind(path, SELFEVAL) for se in recognize_selfevals(grid)]


def read_monitoring(path: str | Path) -> list[MonitoringReport]:
    """All monitoring reports in the file at ``path``."""
    return [report for grid in _of_kind(path, MONITOR) for report in recognize_monitoring(grid)]


def kind_of_file(path: str | Path) -> str:
    """'selfeval' or 'monitor' when the file holds such tables (self-evaluations first), else 'target'."""
    kinds = {document_kind(grid) for grid in read_grids(path)}
    return next((kind for kind in (SELFEVAL, MONITOR) if kind in kinds), TARGET)
