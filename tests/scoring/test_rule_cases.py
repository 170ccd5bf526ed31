"""Each JX-S / JX-K rule's failing and passing tables (tests/scoring/rules/JX-xxxx.yaml), and its documentation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.grid import Grid
from jixiao.io.text import read_text
from jixiao.recognize.monitor import recognize_monitoring
from jixiao.recognize.selfeval import recognize_selfevals
from jixiao.review.catalog import missing_sections, sections
from jixiao.review.registry import REGISTRY
from jixiao.scoring import score
from jixiao.scoring.monitor import monitor

CASES = Path(__file__).parent / "rules"


def _grid(table: str) -> Grid:
    """The case layout (cells separated by ' | ') as the seed's tab-separated text."""
    lines = ["\t".join(cell.strip() for cell in line.split("|")) for line in table.splitlines()]
    (grid,) = read_text("\n".join(lines), source="case")
    return grid


def _findings(doc: dict[str, Any], table: str) -> list[list[str | None]]:
    grid = _grid(table)
    if doc.get("kind") == "monitor":
        (report,) = recognize_monitoring(grid)
        found = monitor(report, doc.get("profile")).findings
    else:
        (selfeval,) = recognize_selfevals(grid)
        found = score(selfeval, doc.get("profile")).report
    return [[code, indicator, field] for code, indicator, field in found.flatten()]


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("JX-*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, case in enumerate(doc["fail"]):
            params.append(pytest.param(doc, case, "fail", id=f"{doc['code']}-fail-{index}"))
        for index, case in enumerate(doc["pass"]):
            params.append(pytest.param(doc, case, "pass", id=f"{doc['code']}-pass-{index}"))
    return params


@pytest.mark.parametrize(("doc", "case", "kind"), _cases())
def test_rule_case(doc: dict[str, Any], case: dict[str, Any], kind: str) -> None:
    found = _findings(doc, case["table"])
    if kind == "fail":
        assert found == case["findings"]
    else:
        assert [f for f in found if f[0] == doc["code"]] == []


def test_every_scoring_rule_has_cases_of_both_kinds() -> None:
    codes = sorted(code for code in REGISTRY if code.startswith(("JX-S", "JX-K")))
    assert len(codes) == 22
    for code in codes:
        doc = yaml.safe_load((CASES / f"{code}.yaml").read_text(encoding="utf-8"))
        assert doc["code"] == code
        assert doc["fail"] and doc["pass"], code


@pytest.mark.parametrize("code", [f"JX-S{n:03d}" for n in range(1, 17)] + [f"JX-K{n:03d}" for n in range(1, 7)])
def test_rule_is_documented(code: str) -> None:
    rule = REGISTRY[code]
    assert missing_sections(rule) == []
    assert sections(rule)["summary"] == rule.title + "。"
    assert rule.title and rule.citation and rule.template
    assert rule.subject == ("monitor" if code.startswith("JX-K") else "selfeval")
