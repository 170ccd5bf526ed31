"""One collector for every rule's cases in tests/rules/JX-xxxx.yaml: `pytest -k JX-R001` runs one rule.

A case has either ``table`` (a whole table in the seed's text layout) or ``rows`` (indicator rows put
under a standard header), an optional ``profile`` and ``year``, and ``expect``: the findings of that
rule alone, each as ``{indicator, field, severity}`` (``indicator: null`` for the table itself).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.review import REGISTRY, review

from .support import HEADER, tables_from_text

CASES_DIR = Path(__file__).resolve().parents[1] / "rules"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("JX-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


def _text(case: dict[str, Any]) -> str:
    return case["table"] if "table" in case else HEADER + case["rows"]


@pytest.mark.parametrize(("code", "case"), _load())
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    tables = tables_from_text(_text(case))
    assert len(tables) == 1
    report = review(tables[0], case.get("profile", "national"), selectors=[code], year=case.get("year"))
    found = [(f.location.indicator, f.location.field, f.severity.value) for f in report.findings]
    expected = [(e["indicator"], e["field"], e["severity"]) for e in case["expect"]]
    assert sorted(found, key=str) == sorted(expected, key=str), [f.message for f in report.findings]
    assert all(f.code == code for f in report.findings)


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    kinds: dict[str, set[bool]] = {}
    for path in CASES_DIR.glob("JX-*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.stem == data["rule"]
        kinds[data["rule"]] = {bool(case["expect"]) for case in data["cases"]}
    review_codes = {code for code, rule in REGISTRY.items() if rule.subject == "target"}
    assert review_codes <= set(kinds), sorted(review_codes - set(kinds))
    for code in review_codes:
        assert kinds[code] == {True, False}, code
