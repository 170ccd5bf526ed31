"""绩效目标审核 (target review): coded, cited rules over a target table.

``review(table, profile="national")`` runs every registered review rule and returns a
:class:`~jixiao.findings.Report`. The table's year decides which indicator framework applies (成本指标
as a 一级 from 2022): an explicit ``year`` wins, then the year in the table's title, then the profile's
``review.default_year``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from ..findings import Finding, Report
from ..model import TargetTable
from ..profile import ProfileLike, load_profile
from ..rules import Subject, bind_references, rules_for, settings_for
from .settings import ReviewSettings

__all__ = ["Reviewer", "review"]


class Reviewer:
    """Review many tables with one profile and one rule selection (chosen once, kept with the profile)."""

    def __init__(
        self,
        profile: ProfileLike = None,
        *,
        selectors: Sequence[str] | None = None,
        ignore: Iterable[str] = (),
        year: int | None = None,
        library: object | None = None,
    ) -> None:
        self.profile = load_profile(profile)
        self.settings: ReviewSettings = settings_for(self.profile, Subject.TARGET)
        self.year = year
        chosen = rules_for(self.profile, Subject.TARGET, selectors, (*ignore, *self.settings.ignore))
        self.rules = bind_references(chosen, {"library": library})

    def year_of(self, table: TargetTable) -> int | None:
        """The year the table is judged as: explicit, then the table's own, then the profile's default."""
        return self.year or table.year or self.settings.default_year

    def review(self, table: TargetTable) -> Report:
        year = self.year_of(table)
        judged = table if year == table.year else dataclasses.replace(table, year=year)
        findings: list[Finding] = []
        for rule in self.rules:
            findings.extend(rule.check(judged))
        findings.sort(key=lambda f: (f.location.row or 0, f.code))
        return Report(tuple(findings), table.project_name)


def review(
    table: TargetTable,
    profile: ProfileLike = None,
    *,
    selectors: Sequence[str] | None = None,
    ignore: Iterable[str] = (),
    year: int | None = None,
    library: object | None = None,
) -> Report:
    """Review one target table under ``profile`` (a built-in name, a path or a loaded Profile).

    ``library`` (a :class:`~jixiao.library.Library`) turns on the rules that compare with it (JX-R010).
    """
    return Reviewer(profile, selectors=selectors, ignore=ignore, year=year, library=library).review(table)
