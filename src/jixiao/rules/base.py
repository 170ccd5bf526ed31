"""The rule: one check with a stable code, over one kind of subject, reading only the settings it declares.

A rule class sets its code, title, severity, citation and message template, names its ``subject`` (what it
reads: a target table, a scored self-evaluation, a monitoring sheet) and lists in ``config_keywords`` the
profile settings it reads. The framework binds it to a profile: ``self.settings`` then holds the typed settings
of its subject with only the declared keys open, so a rule that reads a setting it did not declare fails at once
(its tests catch it), and the catalog can say which rules a profile key changes.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Any, ClassVar, Generic, Self, TypeVar

from ..findings import Finding, Location, Severity

SubjectT = TypeVar("SubjectT")
SettingsT = TypeVar("SettingsT")


class Subject(StrEnum):
    """What a rule reads."""

    TARGET = "target"  # a TargetTable (绩效目标审核)
    SELFEVAL = "selfeval"  # a ScoreSheet: a self-evaluation scored under a profile (自评复核)
    MONITOR = "monitor"  # a MonitorSheet: a monitoring report with its lights and forecast (运行监控)
    HISTORY = "history"  # a History: one project's tables over the years, indicators linked (跨年度)
    DEPARTMENT = "department"  # a DepartmentSheet: a 部门整体 table with its 评分表 re-added (部门整体)

    @property
    def label(self) -> str:
        return {
            "target": "目标表",
            "selfeval": "自评表",
            "monitor": "监控表",
            "history": "历年目标表和自评表",
            "department": "部门整体支出绩效目标表和自评表",
        }[self.value]


class UndeclaredSetting(AttributeError):
    """A rule read a profile setting it does not list in ``config_keywords``."""


def reads(*keys: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a method of a settings class with the settings fields it reads, so a rule may call it when it
    declares them."""

    def mark(method: Callable[..., Any]) -> Callable[..., Any]:
        method.reads = keys  # type: ignore[attr-defined]
        return method

    return mark


class SettingsView:
    """A rule's window on its subject's typed settings: the declared keys, and the methods reading only them."""

    __slots__ = ("_allowed", "_declared", "_rule", "_settings")

    def __init__(self, settings: object, declared: tuple[str, ...], rule: str) -> None:
        self._settings = settings
        self._declared = frozenset(declared)
        self._rule = rule
        self._allowed: set[str] = set()  # names already found declared: a rule reads them for every row

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._settings, name)
        if name in self._allowed:
            return value
        needed = getattr(value, "reads", None) if callable(value) else (name,)
        if needed is None or not set(needed) <= self._declared:
            missing = sorted(set(needed or (name,)) - self._declared)
            raise UndeclaredSetting(f"{self._rule} reads {', '.join(missing)} without declaring it in config_keywords")
        self._allowed.add(name)
        return value


class Rule(ABC, Generic[SubjectT, SettingsT]):
    """One check. Subclasses set the class attributes and implement :meth:`check`.

    The docstring has a summary line and the sections 检查内容 / 为什么是问题 / 反例 / 正例.
    """

    code: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity]
    citation: ClassVar[str]
    template: ClassVar[str]
    subject: ClassVar[Subject]
    #: The profile settings (fields of the subject's settings) this rule reads.
    config_keywords: ClassVar[tuple[str, ...]] = ()
    #: True for a rule that compares a published figure (a score, a total): skipped when there is none to compare.
    audits_published: ClassVar[bool] = False
    #: Reference data beyond its subject the rule reads (``"library"``: an indicator library); the rule runs only
    #: when the caller gives them all, bound with :meth:`bind`.
    requires: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: SettingsT) -> None:
        self.settings: SettingsT = SettingsView(settings, self.config_keywords, self.code)  # type: ignore[assignment]
        self.references: Mapping[str, object] = {}

    def bind(self, references: Mapping[str, object]) -> Self | None:
        """A copy of this rule reading ``references``, or None when one it requires is missing."""
        if any(references.get(name) is None for name in self.requires):
            return None
        bound = copy.copy(self)
        bound.references = {name: references[name] for name in self.requires}
        return bound

    @property
    def group(self) -> str:
        from .registry import group_of

        return group_of(self.code)

    @abstractmethod
    def check(self, subject: SubjectT) -> Iterator[Finding]:
        """Yield the findings for ``subject``."""

    def finding(
        self, location: Location | None = None, *, severity: Severity | None = None, **values: object
    ) -> Finding:
        """A finding of this rule with its message template filled in from ``values``."""
        return self.finding_from(location, values, severity=severity)

    def finding_from(
        self, location: Location | None, values: Mapping[str, object], *, severity: Severity | None = None
    ) -> Finding:
        """As :meth:`finding`, with the template's values in a mapping."""
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            title=self.title,
            message=self.template.format_map(values),
            location=location or Location(),
            citation=self.citation,
            group=self.group,
        )
