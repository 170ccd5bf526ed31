"""Findings (审核意见) and reports: what review rules, score audits and monitoring checks produce.

One result model for every check, rendered to text and JSON by the CLI and shown inline by the web app.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from . import fields


def field_label(field: str | None) -> str:
    """The Chinese label of a finding's field: ``target`` → 指标值; unknown fields as they are."""
    return fields.label(field)


class Severity(StrEnum):
    ERROR = "error"  # blocks submission
    WARNING = "warning"  # needs a written explanation
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding points: the 三级指标 by name (None for the table itself), the field, row, column."""

    indicator: str | None = None
    field: str | None = None
    row: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "field": self.field, "row": self.row, "column": self.column}


@dataclass(frozen=True)
class Finding:
    code: str  # JX-R001
    severity: Severity
    title: str  # names the problem: 三级指标缺少指标值
    message: str  # the specifics: indicator path, the cell's text, the numbers compared
    location: Location = field(default_factory=Location)
    citation: str | None = None  # 依据
    group: str | None = None  # 完整性, 规范性, …

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "location": self.location.to_dict(),
            "citation": self.citation,
            "group": self.group,
        }


@dataclass(frozen=True)
class Report:
    """The findings for one table, in the order found."""

    findings: tuple[Finding, ...] = ()
    project_name: str | None = None

    def flatten(self) -> list[tuple[str, str | None, str | None]]:
        """(code, indicator, field) per finding: a test asserts a whole report in one line."""
        return [(f.code, f.location.indicator, f.location.field) for f in self.findings]

    def codes(self) -> list[str]:
        return [finding.code for finding in self.findings]

    def by_severity(self, severity: Severity) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity is severity]

    @property
    def errors(self) -> list[Finding]:
        return self.by_severity(Severity.ERROR)

    @property
    def warnings(self) -> list[Finding]:
        return self.by_severity(Severity.WARNING)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def counts(self) -> dict[str, int]:
        counted = Counter(finding.severity.value for finding in self.findings)
        return {severity.value: counted.get(severity.value, 0) for severity in Severity}

    def to_dict(self) -> dict[str, Any]:
        return {"project_name": self.project_name, "findings": [f.to_dict() for f in self.findings]}
