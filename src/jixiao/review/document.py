"""Review results as the JSON document of DESIGN.md ("Interfaces"), checked by schemas/review.schema.json."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..findings import Finding, Report, Severity


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "title": finding.title,
        "message": finding.message,
        "location": finding.location.to_dict(),
    }


def stats(reports: Sequence[Report], *, profile: str, rules: int) -> dict[str, Any]:
    findings = [finding for report in reports for finding in report.findings]
    severities = Counter(finding.severity.value for finding in findings)
    return {
        "tables": len(reports),
        "tables_with_findings": sum(1 for report in reports if report.findings),
        "findings": len(findings),
        "by_severity": {severity.value: severities.get(severity.value, 0) for severity in Severity},
        "by_code": dict(sorted(Counter(finding.code for finding in findings).items())),
        "profile": profile,
        "rules": rules,
    }


def review_document(reports: Sequence[Report], *, profile: str, rules: int) -> dict[str, Any]:
    """``{"tables": [{"project_name", "findings": [...]}], "stats": {...}}``."""
    return {
        "tables": [
            {"project_name": report.project_name, "findings": [finding_dict(f) for f in report.findings]}
            for report in reports
        ],
        "stats": stats(reports, profile=profile, rules=rules),
    }
