"""The rule catalog: every check with a stable code, registered once.

A code is ``JX-`` + a group letter + three digits and is never reused. Selection takes codes,
prefixes (``JX-C``, ``JX-C0``) or group names (完整性).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from ..findings import Finding, Location, Severity
from ..profile import Profile

#: Group letter → group name. Review groups first, then the score audit and monitoring checks.
GROUPS: dict[str, str] = {
    "C": "完整性",
    "N": "规范性",
    "M": "可衡量性",
    "R": "合理性",
    "S": "自评复核",
    "K": "运行监控",
}

CODE = re.compile(r"^JX-([A-Z])(\d{3})$")


class Rule(ABC):
    """One check. Subclasses set the class attributes and implement :meth:`check`.

    The docstring must have the sections 检查内容 / 为什么是问题 / 反例 / 正例.
    ``subject`` says what the rule reads: "target" (TargetTable), "selfeval" or "monitor".
    """

    code: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity]
    citation: ClassVar[str]
    template: ClassVar[str]
    subject: ClassVar[str] = "target"

    @property
    def group(self) -> str:
        return group_of(self.code)

    @abstractmethod
    def check(self, subject: Any, profile: Profile) -> Iterator[Finding]:
        """Yield the findings for ``subject`` under ``profile``."""

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


REGISTRY: dict[str, type[Rule]] = {}


def group_of(code: str) -> str:
    match = CODE.match(code)
    if match is None:
        raise ValueError(f"not a rule code: {code}")
    return GROUPS[match.group(1)]


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the catalog, refusing malformed or reused codes."""
    match = CODE.match(rule.code)
    if match is None or match.group(1) not in GROUPS:
        raise ValueError(f"{rule.__name__}: malformed rule code {rule.code!r}")
    if rule.code in REGISTRY and REGISTRY[rule.code] is not rule:
        raise ValueError(f"{rule.__name__}: code {rule.code} already used by {REGISTRY[rule.code].__name__}")
    REGISTRY[rule.code] = rule
    return rule


def _matches(code: str, selector: str) -> bool:
    selector = selector.strip()
    if selector in GROUPS.values():
        return group_of(code) == selector
    return code.startswith(selector.upper())


def select(
    selectors: Iterable[str] | None = None, ignore: Iterable[str] | None = None, *, subject: str | None = None
) -> list[Rule]:
    """Instances of the registered rules chosen by code, prefix or group; all when ``selectors`` is None."""
    chosen = []
    wanted, unwanted = list(selectors or []), list(ignore or [])
    for code in sorted(REGISTRY):
        rule = REGISTRY[code]
        if subject is not None and rule.subject != subject:
            continue
        if wanted and not any(_matches(code, s) for s in wanted):
            continue
        if any(_matches(code, s) for s in unwanted):
            continue
        chosen.append(rule())
    return chosen
