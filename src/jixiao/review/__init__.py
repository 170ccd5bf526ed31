"""绩效目标审核 (target review): coded, cited rules over a target table.

``review(table, profile="national")`` runs every registered review rule and returns a
:class:`~jixiao.findings.Report`. The table's year decides which indicator framework applies (成本指标
as a 一级 from 2022): an explicit ``year`` wins, then the year in the table's title, then the profile's
``review.default_year``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..findings import Finding, Report
from ..model import TargetTable
from ..profile import DEFAULT_PROFILE, Profile, load_profile
from . import rules as _rules  # noqa: F401  (registers the rules)
from .registry import GROUPS, REGISTRY, Rule, register, select
from .settings import ReviewSettings, settings_of

__all__ = ["GROUPS", "REGISTRY", "Reviewer", "Rule", "register", "review", "select", "settings_of"]

ProfileLike = Profile | str | Path | None


def as_profile(profile: ProfileLike) -> Profile:
    if isinstance(profile, Profile):
        return profile
    return load_profile(profile if profile is not None else DEFAULT_PROFILE)


class Reviewer:
    """Review many tables with one profile and one rule selection (chosen once)."""

    def __init__(
        self,
        profile: ProfileLike = None,
        *,
        selectors: Sequence[str] | None = None,
        ignore: Iterable[str] = (),
        year: int | None = None,
    ) -> None:
        self.profile = as_profile(profile)
        self.settings: ReviewSettings = settings_of(self.profile)
        self.year = year
        self.rules: list[Rule] = select(selectors, [*ignore, *self.settings.ignore], subject="target")

    def year_of(self, table: TargetTable) -> int | None:
        """The year the table is judged as: explicit, then the table's own, then the profile's default."""
        return self.year or table.year or self.settings.default_year

    def review(self, table: TargetTable) -> Report:
        year = self.year_of(table)
        judged = table if year == table.year else dataclasses.replace(table, year=year)
        findings: list[Finding] = []
        for rule in self.rules:
            findings.extend(rule.check(judged, self.profile))
        findings.sort(key=lambda f: (f.location.row or 0, f.code))
        return Report(tuple(findings), table.project_name)


def review(
    table: TargetTable,
    profile: ProfileLike = None,
    *,
    selectors: Sequence[str] | None = None,
    ignore: Iterable[str] = (),
    year: int | None = None,
) -> Report:
    """Review one target table under ``profile`` (a built-in name, a path or a loaded Profile)."""
    return Reviewer(profile, selectors=selectors, ignore=ignore, year=year).review(table)
