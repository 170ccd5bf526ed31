"""A stand-in review engine for the workflow tests: two findings whose presence each test controls.

It is not a review rule set (that is :mod:`jixiao.review`); it lets the tests say "a table with one error" or
"a table with one warning" without depending on which rules the real engine has.
"""

from __future__ import annotations

from jixiao.findings import Finding, Location, Report, Severity
from jixiao.model import TargetTable


def review(table: TargetTable, profile: object = None) -> Report:
    findings = []
    for indicator in table.indicators:
        if indicator.target is None:
            findings.append(Finding("TEST-E01", Severity.ERROR, "三级指标缺少指标值", f"“{indicator.name}”没有指标值",
                                    Location(indicator.name, "target")))
        elif "待定" in indicator.target.text:
            findings.append(Finding("TEST-W01", Severity.WARNING, "指标值尚未确定",
                                    f"“{indicator.name}”的指标值写作“{indicator.target.text}”",
                                    Location(indicator.name, "target")))
    return Report(tuple(findings), table.project_name)
