"""One collector for every rule's cases in tests/rules/JX-xxxx.yaml: `pytest -k JX-R001` runs one rule.

One format for every rule set. A case has ``table`` (a whole table, cells separated by `` | ``) or, for a review
rule, ``rows`` (indicator rows put under a standard header); an optional ``profile`` and ``year``; and ``expect``:
the findings of that rule alone, each ``{indicator, field, severity}`` (``indicator: null`` for the table itself).
A rule that compares with an indicator library takes ``library``: tables (as ``rows``) the library is learned from.
A cross-year rule takes ``years``: one project's tables, each ``{year, table}`` (a 目标表 or a 自评表) or ``{year,
rows}`` (target rows under the standard header, titled with the year).
What the table is read as follows from the rule's subject: a target table, a self-evaluation or a monitoring report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.findings import Finding
from jixiao.io.text import read_text
from jixiao.library import Library, library_from_tables
from jixiao.recognize import recognize
from jixiao.recognize.monitor import recognize_monitoring
from jixiao.recognize.selfeval import recognize_selfevals
from jixiao.review import review
from jixiao.rules import REGISTRY, Subject, load
from jixiao.scoring import monitor, score
from jixiao.scoring.reading import SELFEVAL, document_kind
from jixiao.years import Document, History, check_history, histories
from review.support import HEADER

CASES = Path(__file__).resolve().parent


def _documents() -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(CASES.glob("JX-*.yaml"))]


def _params() -> list[Any]:
    return [
        pytest.param(doc["rule"], case, id=f"{doc['rule']}-{case['name']}")
        for doc in _documents()
        for case in doc["cases"]
    ]


def _text(case: dict[str, Any]) -> str:
    """The case as the seed's tab-separated text."""
    cells = "\n".join(
        "\t".join(cell.strip() for cell in line.split("|"))
        for line in case.get("table", case.get("rows", "")).splitlines()
    )
    return cells if "table" in case else HEADER + cells


def _history(case: dict[str, Any]) -> History:
    found: list[tuple[int, Document]] = []
    for item in case["years"]:
        text = _text(item).replace("## 项目支出绩效目标表", f"## {item['year']}年度项目支出绩效目标表", 1)
        (grid,) = read_text(text, source=f"<{item['year']}>")
        documents = recognize_selfevals(grid) if document_kind(grid) == SELFEVAL else recognize(grid)
        found.extend((item["year"], document) for document in documents)
    (history,) = histories(found)
    return history


def _library(case: dict[str, Any]) -> Library | None:
    if "library" not in case:
        return None
    tables = [recognize(grid)[0] for rows in case["library"] for grid in read_text(_text({"rows": rows}), "<lib>")]
    return library_from_tables(tables)


def findings(code: str, case: dict[str, Any]) -> list[Finding]:
    load()
    (grid,) = read_text(_text(case), source="<case>")
    subject, profile = REGISTRY[code].subject, case.get("profile", "national")
    if subject is Subject.TARGET:
        (table,) = recognize(grid)
        report = review(table, profile, selectors=[code], year=case.get("year"), library=_library(case))
        return list(report.findings)
    if subject is Subject.HISTORY:
        return list(check_history(_history(case), profile, selectors=[code]).findings)
    if subject is Subject.SELFEVAL:
        (selfeval,) = recognize_selfevals(grid)
        return [f for f in score(selfeval, profile).findings.findings if f.code == code]
    (report,) = recognize_monitoring(grid)
    return [f for f in monitor(report, profile).findings.findings if f.code == code]


@pytest.mark.parametrize(("code", "case"), _params())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    found = findings(code, case)
    got = [(f.location.indicator, f.location.field, f.severity.value) for f in found]
    expected = [(e["indicator"], e["field"], e["severity"]) for e in case["expect"]]
    assert sorted(got, key=str) == sorted(expected, key=str), [f.message for f in found]
    assert all(f.code == code for f in found)


def test_every_rule_has_a_file_of_cases_with_a_passing_and_a_failing_one() -> None:
    load()
    documents = {doc["rule"]: doc for doc in _documents()}
    assert sorted(documents) == sorted(REGISTRY)
    for code, doc in documents.items():
        assert {bool(case["expect"]) for case in doc["cases"]} == {True, False}, code
