"""A project's tables over the years, and each indicator's stable identity across them.

A year holds the published 目标表, the 自评表, or both. Consecutive years' indicators are linked (``links``); an
indicator keeps the identity of the one it is linked to in the year before, and a new one gets an identity made
from where it first appears (unit, project, year, 二级 and the name's normal form — not its synonym group, so
extending the synonym list changes no identity): it stays the same however many years are added later. Within a
year the 目标表's indicators are linked the same way to the 自评表's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import InputError
from ..library.names import name_key, project_key
from ..model import Indicator, TargetTable
from ..model_selfeval import IndicatorResult, SelfEvaluation
from ..reading import read_grids
from ..recognize import recognize
from ..recognize.selfeval import recognize_selfevals
from ..scoring.reading import MONITOR, SELFEVAL, document_kind
from ..values import normalize
from .links import Decisions, Link, Ref, propose

Document = TargetTable | SelfEvaluation


def table_of(document: Document) -> TargetTable:
    return document.table if isinstance(document, SelfEvaluation) else document


def unit_key(table: TargetTable) -> str:
    """The unit a table belongs to: its 预算单位, else its 主管部门."""
    return normalize(table.budget_unit or table.department or "")


@dataclass(frozen=True)
class YearTables:
    """One year of a project: the published 目标表 and the 自评表, either of which may be missing."""

    year: int
    target: TargetTable | None = None
    selfeval: SelfEvaluation | None = None
    label: str | None = None  # how messages name the year when the tables do not say it: 上年, 本年

    @property
    def name(self) -> str:
        return self.label or f"{self.year}年"

    @property
    def table(self) -> TargetTable:
        """The year's targets as set: the 目标表's, else those the 自评表 repeats."""
        if self.target is not None:
            return self.target
        assert self.selfeval is not None
        return self.selfeval.table

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.table.indicators if i.name)

    @cached_property
    def self_links(self) -> dict[str, IndicatorResult]:
        """The 自评表's result of each indicator of the year (by the indicator's name in :attr:`table`)."""
        if self.selfeval is None:
            return {}
        results = {r.indicator.name: r for r in self.selfeval.results if r.indicator.name}
        if self.target is None:
            return results
        links = propose("", (self.year, self.indicators), (self.year, [r.indicator for r in results.values()]))
        return {link.earlier.name: results[link.later.name] for link in links}

    def result(self, name: str) -> IndicatorResult | None:
        return self.self_links.get(name)


@dataclass(frozen=True)
class Step:
    """One indicator in one year of its lineage."""

    year: YearTables
    indicator: Indicator
    result: IndicatorResult | None  # the 自评表's line, when the year has one


@dataclass(frozen=True)
class Lineage:
    """One indicator over the years, under its stable identity."""

    identity: str
    steps: tuple[Step, ...]


@dataclass
class History:
    """One project of one unit, year by year (ascending), with the reviewer's link decisions."""

    unit: str
    project: str  # the project's key: its name without the year
    years: tuple[YearTables, ...]
    decisions: Decisions = field(default_factory=Decisions)

    @property
    def project_name(self) -> str | None:
        return self.years[-1].table.project_name if self.years else None

    def links(self, earlier: YearTables, later: YearTables) -> list[Link]:
        return propose(self.project, (earlier.year, earlier.indicators), (later.year, later.indicators),
                       self.decisions)  # fmt: skip

    @cached_property
    def lineages(self) -> tuple[Lineage, ...]:
        """Every indicator's lineage, in the order the indicators first appear."""
        chains: dict[Ref, list[Step]] = {}
        identity: dict[Ref, str] = {}
        previous: YearTables | None = None
        for year in self.years:
            linked = {link.later: link.earlier for link in self.links(previous, year)} if previous else {}
            for indicator in year.indicators:
                ref = Ref(year.year, indicator.name)
                step = Step(year, indicator, year.result(indicator.name))
                before = linked.get(ref)
                if before is not None and before in chains:
                    chains[ref] = [*chains.pop(before), step]
                    identity[ref] = identity.pop(before)
                else:
                    chains[ref] = [step]
                    identity[ref] = self._new_identity(year.year, indicator)
            previous = year
        return tuple(Lineage(identity[ref], tuple(steps)) for ref, steps in chains.items())

    def _new_identity(self, year: int, indicator: Indicator) -> str:
        seed = "|".join((self.unit, self.project, str(year), indicator.level2 or "", name_key(indicator.name)))
        return hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]

    def identity_of(self, year: int, name: str) -> str | None:
        for lineage in self.lineages:
            if any(step.year.year == year and step.indicator.name == name for step in lineage.steps):
                return lineage.identity
        return None


def documents(path: Path) -> list[Document]:
    """The target tables and self-evaluations of a file; monitoring reports are passed over, and a file with
    neither is an :class:`InputError`."""
    found: list[Document] = []
    for grid in read_grids(path):
        kind = document_kind(grid)
        if kind == SELFEVAL:
            found.extend(recognize_selfevals(grid))
        elif kind != MONITOR:
            found.extend(recognize(grid))
    if not found:
        raise InputError("文件里没有目标表或自评表（监控表不参与跨年度比较）", file=path)
    return found


def histories(documents: Iterable[tuple[int, Document]], decisions: Decisions | None = None) -> list[History]:
    """Each project's history from (year, document) pairs: a 目标表 and a 自评表 of one year make one year."""
    by_project: dict[tuple[str, str], dict[int, dict[str, Document]]] = {}
    for year, document in documents:
        table = table_of(document)
        key = (unit_key(table), project_key(table.project_name))
        slot = "selfeval" if isinstance(document, SelfEvaluation) else "target"
        years = by_project.setdefault(key, {}).setdefault(year, {})
        if slot in years:
            which = "自评表" if slot == "selfeval" else "目标表"
            raise InputError(f"“{table.project_name or '（无项目名称）'}”{year}年的{which}给了两次，请只给一份")
        years[slot] = document
    return [
        History(
            unit, project, tuple(_year(year, slots) for year, slots in sorted(years.items())), decisions or Decisions()
        )
        for (unit, project), years in by_project.items()
    ]


def _year(year: int, slots: dict[str, Document], label: str | None = None) -> YearTables:
    target = slots.get("target")
    selfeval = slots.get("selfeval")
    return YearTables(year, target if isinstance(target, TargetTable) else None,
                      selfeval if isinstance(selfeval, SelfEvaluation) else None, label)  # fmt: skip
