"""A stand-in review engine for the web tests, so they do not depend on which rules the real engine has.

It is not a review rule set (that is :mod:`jixiao.review`): an empty target is an error and a target "待定" a
warning, so a test can make "a table with one error" or "one warning"; and, for the browser story on seed table 1,
two warnings shaped like the real engine's (a percentage written as a fraction, a target below last year's).
"""

from __future__ import annotations

from jixiao.findings import Finding, Location, Report, Severity
from jixiao.model import Indicator, TargetTable


def review(table: TargetTable, profile: object = None) -> Report:
    """An empty target is an error, a target "待定" a warning."""
    return Report(tuple(_controlled(table)), table.project_name)


def review_story(table: TargetTable, profile: object = None) -> Report:
    """:func:`review`, plus the two warnings the browser story meets on seed table 1."""
    return Report(tuple(_controlled(table)) + tuple(_story(table)), table.project_name)


def broken(table: TargetTable, profile: object = None) -> Report:
    raise RuntimeError("engine bug")


def _controlled(table: TargetTable) -> list[Finding]:
    findings = []
    for indicator in table.indicators:
        if indicator.target is None:
            findings.append(
                Finding(
                    "TEST-E01",
                    Severity.ERROR,
                    "三级指标缺少指标值",
                    f"“{indicator.name}”没有指标值",
                    Location(indicator.name, "target"),
                )
            )
        elif "待定" in indicator.target.text:
            findings.append(
                Finding(
                    "TEST-W01",
                    Severity.WARNING,
                    "指标值尚未确定",
                    f"“{indicator.name}”的指标值写作“{indicator.target.text}”",
                    Location(indicator.name, "target"),
                )
            )
    return findings


def _story(table: TargetTable) -> list[Finding]:
    findings = []
    for indicator in table.indicators:
        if indicator.target is None:
            continue
        if indicator.target.unit == "%" and indicator.target.value is not None and indicator.target.value <= 1:
            findings.append(
                Finding(
                    "TEST-M01",
                    Severity.WARNING,
                    "百分比指标的值疑似写成了小数",
                    f"“{indicator.name}”的指标值是“{indicator.target.text}”",
                    Location(indicator.name, "target"),
                )
            )
        elif _below_prior(indicator):
            findings.append(
                Finding(
                    "TEST-R01",
                    Severity.WARNING,
                    "正向指标值低于上年完成值",
                    f"“{indicator.name}”的指标值低于上年完成值",
                    Location(indicator.name, "target"),
                )
            )
    return findings


def _below_prior(indicator: Indicator) -> bool:
    target, prior = indicator.target, indicator.prior
    if target is None or prior is None or target.value is None or prior.value is None:
        return False
    if target.operator is not None and target.operator.is_reverse:
        return False
    return target.unit == prior.unit and target.value < prior.value
