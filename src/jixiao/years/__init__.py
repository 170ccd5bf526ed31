"""Indicators across years (跨年度): each indicator's stable identity over a project's tables, the year diff, and
the cross-year rules (JX-Y).

``histories(documents)`` groups (year, table) pairs into each project's :class:`History`; ``History.lineages`` gives
each indicator's identity and years; ``year_diff`` says what was added, removed, tightened or loosened;
``check_history`` runs the JX-Y rules. Links are proposed with a score (``propose``) and a reviewer's decisions
(``accept``, ``break_link``) are data kept in ``links.json`` (``load_decisions``, ``save_decisions``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..findings import Finding, Report
from ..profile import ProfileLike, load_profile
from ..rules import Subject, rules_for
from .compare import Change, compare_targets
from .diff import DiffLine, year_diff
from .history import Document, History, Lineage, Step, YearTables, documents, histories, table_of
from .links import Decisions, Link, Ref, accept, break_link, load_decisions, propose, save_decisions

__all__ = [
    "Change",
    "Decisions",
    "DiffLine",
    "Document",
    "History",
    "Lineage",
    "Link",
    "Ref",
    "Step",
    "YearTables",
    "accept",
    "break_link",
    "check_history",
    "compare_targets",
    "documents",
    "histories",
    "load_decisions",
    "propose",
    "save_decisions",
    "table_of",
    "year_diff",
]


def check_history(
    history: History, profile: ProfileLike = None, *, selectors: Sequence[str] | None = None, ignore: Iterable[str] = ()
) -> Report:
    """The JX-Y findings of one project's history under ``profile``, rule by rule in code order."""
    findings: list[Finding] = []
    for rule in rules_for(load_profile(profile), Subject.HISTORY, selectors, tuple(ignore)):
        findings.extend(rule.check(history))
    return Report(tuple(findings), history.project_name)
