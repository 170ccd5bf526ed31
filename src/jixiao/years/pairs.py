"""Two files compared: their tables paired by project, the years they stand for, the diff and the history.

``jixiao diff LAST THIS`` compares the tables of two files — last year's and this year's (a 目标表 or a 自评表 each),
or one year's published 目标表 and its 自评表. Tables are paired by unit and project (the project's name without
its year); two files of one table each are paired whatever their names. A table that does not say its year is
taken as the year before or after the other's; when neither says it, the two are called 上年 and 本年.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..library.names import project_key
from ..model import TargetTable
from ..model_selfeval import SelfEvaluation
from .diff import DiffLine, year_diff
from .history import Document, History, YearTables, table_of, unit_key
from .links import Decisions, Link, propose


@dataclass(frozen=True)
class Comparison:
    """One project's two tables compared."""

    history: History
    earlier: YearTables
    later: YearTables
    links: tuple[Link, ...]
    lines: tuple[DiffLine, ...]

    @property
    def same_year(self) -> bool:
        return self.earlier.year == self.later.year


def _key(document: Document) -> tuple[str, str]:
    table = table_of(document)
    return unit_key(table), project_key(table.project_name)


def pair_documents(
    last: Sequence[Document], this: Sequence[Document]
) -> tuple[list[tuple[Document, Document]], list[Document], list[Document]]:
    """(pairs, last's unpaired, this's unpaired): by unit and project, or the only table of each file."""
    if len(last) == 1 and len(this) == 1:
        return [(last[0], this[0])], [], []
    earlier = {_key(document): document for document in last}
    pairs, unpaired = [], []
    for document in this:
        match = earlier.pop(_key(document), None)
        if match is None:
            unpaired.append(document)
        else:
            pairs.append((match, document))
    return pairs, list(earlier.values()), unpaired


def _years(last: TargetTable, this: TargetTable) -> tuple[int, int, str | None, str | None]:
    if last.year is not None and this.year is not None:
        if last.year > this.year:
            raise InputError(f"第一个文件是{last.year}年的表，第二个是{this.year}年的：请先给较早的一年")
        return last.year, this.year, None, None
    if last.year is not None:
        return last.year, last.year + 1, None, None
    if this.year is not None:
        return this.year - 1, this.year, None, None
    return 0, 1, "上年", "本年"


def year_of(year: int, document: Document, label: str | None = None) -> YearTables:
    """One document as a year of its project."""
    if isinstance(document, SelfEvaluation):
        return YearTables(year, selfeval=document, label=label)
    return YearTables(year, target=document, label=label)


def compare_documents(last: Document, this: Document, decisions: Decisions | None = None) -> Comparison:
    """The comparison of one project's table of last year (or the published one) with this year's (or the 自评表)."""
    decisions = decisions or Decisions()
    table = table_of(this)
    unit, project = unit_key(table), project_key(table.project_name)
    year_a, year_b, label_a, label_b = _years(table_of(last), table)
    if year_a == year_b:
        if isinstance(last, SelfEvaluation) or not isinstance(this, SelfEvaluation):
            raise InputError(f"两个文件都是{year_a}年的表：同一年请先给公布的目标表，再给自评表")
        year = YearTables(year_a, target=last, selfeval=this)
        earlier = YearTables(year_a, target=last, label=f"{year_a}年目标表")
        later = YearTables(year_b, selfeval=this, label=f"{year_b}年自评表")
        history = History(unit, project, (year,), decisions)
        links = propose(project, (year_a, earlier.indicators), (year_b, later.indicators), decisions)
    else:
        earlier, later = year_of(year_a, last, label_a), year_of(year_b, this, label_b)
        history = History(unit, project, (earlier, later), decisions)
        links = history.links(earlier, later)
    lines = year_diff(earlier.indicators, later.indicators, links)
    return Comparison(history, earlier, later, tuple(links), tuple(lines))
