"""Every published 自评表 and 监控表 sample: read, scored under its profile, each published score matched or flagged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from jixiao.scoring import ScoreSheet, score
from jixiao.scoring.detect import detect_profile
from jixiao.scoring.monitor import monitor
from jixiao.scoring.reading import read_monitoring, read_selfevals

DATA = Path(__file__).parent.parent / "data"
OUTCOMES = yaml.safe_load((DATA / "selfeval_outcomes.yaml").read_text(encoding="utf-8"))
SAMPLES = DATA / "samples"


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _sheet(case: dict[str, Any]) -> ScoreSheet:
    (selfeval,) = read_selfevals(SAMPLES / case["file"])
    profile = detect_profile(selfeval.table, selfeval.form_code)
    assert profile == case["profile"]
    return score(selfeval, profile)


def test_every_selfeval_sample_is_documented() -> None:
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    listed = {line.split("|")[1].strip() for line in readme.splitlines() if "| selfeval |" in line}
    assert listed == {case["file"] for case in OUTCOMES["selfevals"]}
    monitors = {line.split("|")[1].strip() for line in readme.splitlines() if "| monitor |" in line}
    assert monitors == {case["file"] for case in OUTCOMES["monitoring"]}


@pytest.mark.parametrize("case", OUTCOMES["selfevals"], ids=lambda case: case["file"])
def test_selfeval_outcome(case: dict[str, Any]) -> None:
    sheet = _sheet(case)
    budget = case["budget"]
    assert sheet.budget.rate is not None
    assert sheet.budget.rate.quantize(Decimal("0.01")) == _dec(budget["rate"])
    assert (sheet.budget.weight, sheet.budget.score) == (_dec(budget["weight"]), _dec(budget["score"]))
    assert sheet.budget.published_score == _dec(budget["published"])
    budget_codes = [f.code for f in sheet.findings.findings if f.location.field == "budget.score"]
    assert budget_codes == ([] if budget["outcome"] == "match" else [budget["outcome"]])

    assert [item.name for item in sheet.indicators] == [i["name"] for i in case["indicators"]]
    for item, expected in zip(sheet.indicators, case["indicators"], strict=True):
        assert (item.weight, item.score, item.published_score) == (
            _dec(expected["weight"]),
            _dec(expected["score"]),
            _dec(expected["published"]),
        ), item.name
        at = (item.name, "score")
        codes = [f.code for f in sheet.findings.findings if (f.location.indicator, f.location.field) == at]
        assert codes == ([] if expected["outcome"] == "match" else [expected["outcome"]]), item.name

    assert sheet.total == _dec(case["total"])
    assert sheet.grade == case["grade"]
    assert sheet.published_total == _dec(case["published_total"])
    assert sheet.findings.codes() == case["findings"]


@pytest.mark.parametrize("case", OUTCOMES["monitoring"], ids=lambda case: case["file"])
def test_monitoring_outcome(case: dict[str, Any]) -> None:
    (report,) = read_monitoring(SAMPLES / case["file"])
    profile = detect_profile(report.table)
    assert profile == case["profile"]
    sheet = monitor(report, profile)
    assert (sheet.month, sheet.expected) == (case["month"], _dec(case["expected_progress"]))
    budget = case["budget"]
    assert report.budget.executed == _dec(budget["executed_to_date"])
    assert sheet.denominator == _dec(budget["denominator"])
    assert sheet.rate is not None and sheet.rate.quantize(Decimal("0.1")) == _dec(budget["rate"])
    assert sheet.budget_light == budget["light"]
    assert sheet.forecast_execution == _dec(budget["forecast"])
    assert sheet.forecast_projected is budget["projected"]
    for watch, expected in zip(sheet.indicators, case["indicators"], strict=True):
        assert watch.name == expected["name"]
        assert watch.light == expected["light"]
        if "likelihood" in expected:
            assert watch.item.likelihood is not None and watch.item.likelihood.value == expected["likelihood"]
    assert sheet.forecast_total == _dec(case["forecast_total"])
    assert sheet.forecast_grade == case["forecast_grade"]
    assert sheet.findings.codes() == case["findings"]
