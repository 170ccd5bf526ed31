"""What the library learns from: one observation per 三级指标 of every table read.

A target table gives the name, target, unit, operator and basis; a self-evaluation (自评表) adds the actual value
and whether the target was met, as the scoring rules judge it. Files are read by the one road every command uses;
a file that cannot be read is skipped with the reason, and the build goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .. import taxonomy
from ..errors import JixiaoError
from ..model import Indicator, Target, TargetTable
from ..model_selfeval import SelfEvaluation
from ..reading import read_grids
from ..recognize import recognize
from ..recognize.selfeval import recognize_selfevals
from ..scoring import score
from ..scoring.formulas import Status
from ..scoring.reading import MONITOR, SELFEVAL, document_kind
from ..values import normalize
from .names import group_of, project_kind


@dataclass(frozen=True)
class Observation:
    """One indicator of one table, as the library stores it."""

    source: str  # file, and the table's first row: "tests/data/x.tsv:3"
    row: int | None
    year: int | None
    budget_unit: str | None
    project_name: str | None
    kind: str  # 项目类别, from the project name
    level1: str | None
    level2: str | None  # canonical 二级
    name: str  # as written, numbering split off
    group: str  # the synonym group's name
    target_text: str | None
    target_kind: str | None  # number, qualitative, deadline …
    operator: str | None
    value: Decimal | None
    upper: Decimal | None
    unit: str | None
    basis: str | None
    actual_text: str | None = None
    met: bool | None = None  # None: no 自评, or not scorable

    @property
    def identity(self) -> tuple[object, ...]:
        """What makes two observations the same indicator of the same table (a 目标表 and its 自评表).

        A table without a project name is only the same as itself.
        """
        table = (self.budget_unit, self.project_name, self.year) if self.project_name else (self.source,)
        return (*table, self.level2, self.name, self.target_text)


@dataclass(frozen=True)
class Skipped:
    """A file the build could not read, and why."""

    source: str
    reason: str


_NOTE = re.compile(r"\([^()]*\)")
_LEVEL1_PREFIXES = ("产出", "效益", "成本", "满意度")


def _level2(indicator: Indicator) -> str | None:
    """The canonical 二级; 产出数量, 效益社会 (a 一级 written before the 二级) read as 数量指标, 社会效益指标."""
    written = indicator.level2 or indicator.level2_text
    if not written:
        return None
    text = _NOTE.sub("", normalize(written))  # 数量指标 (必填硬性指标), 预算执行(18分)
    if found := taxonomy.canonical_level2(text):
        return found
    for prefix in _LEVEL1_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            rest = text[len(prefix) :]
            found = taxonomy.canonical_level2(rest) or taxonomy.canonical_level2(prefix + rest.removesuffix("指标"))
            if found:
                return found
    return text


def observe(
    indicator: Indicator, table: TargetTable, source: str, *, actual: Target | None = None, met: bool | None = None
) -> Observation:
    target = indicator.target
    return Observation(
        source=source,
        row=indicator.source.row,
        year=table.year,
        budget_unit=table.budget_unit,
        project_name=table.project_name,
        kind=project_kind(table.project_name),
        level1=indicator.level1,
        level2=_level2(indicator),
        name=indicator.name,
        group=group_of(indicator.name),
        target_text=target.text if target else None,
        target_kind=target.kind.value if target else None,
        operator=target.operator.value if target and target.operator else None,
        value=target.value if target else None,
        upper=target.upper if target else None,
        unit=target.unit if target else None,
        basis=taxonomy.canonical_basis(indicator.basis) or indicator.basis,
        actual_text=actual.text if actual else None,
        met=met,
    )


def from_table(table: TargetTable, source: str) -> Iterator[Observation]:
    for indicator in table.indicators:
        if indicator.name:
            yield observe(indicator, table, source)


def from_selfeval(selfeval: SelfEvaluation, source: str, profile: str = "national") -> Iterator[Observation]:
    sheet = score(selfeval, profile)
    for scored in sheet.indicators:
        result = scored.result
        if not result.indicator.name:
            continue
        status = scored.status
        met = None if status in (Status.UNSCORABLE, Status.NOT_APPLICABLE) else status == Status.MET
        yield observe(result.indicator, selfeval.table, source, actual=result.actual, met=met)


def from_file(path: Path, profile: str = "national") -> list[list[Observation]]:
    """The indicators of every target table and self-evaluation in ``path``, table by table (monitoring reports are
    passed over)."""
    found: list[list[Observation]] = []
    for grid in read_grids(path, scans=False):
        kind = document_kind(grid)
        if kind == MONITOR:
            continue
        if kind == SELFEVAL:
            for selfeval in recognize_selfevals(grid):
                found.append(list(from_selfeval(selfeval, f"{path}:{selfeval.table.source_row or 1}", profile)))
        else:
            for table in recognize(grid):
                found.append(list(from_table(table, f"{path}:{table.source_row or 1}")))
    return found


def _content(table: list[Observation]) -> tuple[object, ...]:
    """What a table says, wherever it was read from: two copies of one file are one table."""
    return tuple((o.budget_unit, o.project_name, o.year, o.level2, o.name, o.target_text, o.actual_text) for o in table)


def from_files(paths: Iterable[Path], profile: str = "national") -> tuple[list[Observation], list[Skipped]]:
    """Observations of every readable file, and the files skipped with their reason.

    A table read twice (the same file in two folders) counts once; the same indicator of one project and year seen
    twice (a 目标表 and the 自评表 that repeats it) is kept once, the self-evaluated one.
    """
    kept: dict[tuple[object, ...], Observation] = {}
    tables: set[tuple[object, ...]] = set()
    skipped: list[Skipped] = []
    for path in paths:
        try:
            found = from_file(path, profile)
        except JixiaoError as error:
            skipped.append(Skipped(str(path), str(error)))
            continue
        for table in found:
            if (content := _content(table)) in tables:
                continue
            tables.add(content)
            for observation in table:
                earlier = kept.get(observation.identity)
                if earlier is None or (earlier.actual_text is None and observation.actual_text is not None):
                    kept[observation.identity] = observation
    return list(kept.values()), skipped
