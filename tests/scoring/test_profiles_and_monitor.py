"""Scoring and monitoring profiles: validated on load, detected from the table; monitoring lights and curves."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import ProfileError
from jixiao.model import TargetTable
from jixiao.model_selfeval import Budget, Likelihood, MonitoredIndicator, MonitoringReport
from jixiao.profile import load_profile
from jixiao.reading import read
from jixiao.scoring.detect import detect_profile, detect_profiles
from jixiao.scoring.monitor import compute_monitoring, monitor, monitor_settings
from jixiao.scoring.settings import scoring_settings
from jixiao.values import parse_target

ROOT = Path(__file__).parent.parent.parent


@pytest.mark.parametrize("name", ["national", "hubei", "sichuan", "anhui", "xinjiang"])
def test_builtin_profiles_load(name: str) -> None:
    settings = scoring_settings(load_profile(name))
    assert settings.execution_weight + settings.indicator_weight == 100


def test_the_shipped_schemas_are_valid_schemas() -> None:
    """Profiles are validated against these without checking the schemas first: checked here instead."""
    import json
    from importlib import resources

    import jsonschema

    folder = resources.files("jixiao") / "schemas"
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".schema.json"))
    assert {f"profile.{section}.schema.json" for section in ("weights", "review", "scoring", "monitoring")} <= set(
        names
    )
    for name in names:
        schema = json.loads((folder / name).read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema).check_schema(schema)  # raises SchemaError for a broken one


def test_hubei_knobs() -> None:
    hubei = scoring_settings(load_profile("hubei"))
    assert (hubei.execution_weight, hubei.denominator, hubei.reverse_formula) == (Decimal(20), "adjusted", "ratio")
    assert [(t.judgement.value, t.low) for t in hubei.tiers] == [
        ("达成", Decimal("0.8")),
        ("部分达成", Decimal("0.5")),
        ("未达成", Decimal(0)),
    ]


def test_malformed_scoring_section_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nextends: national\nscoring:\n  reverse_formula: cubic\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="scoring/reverse_formula"):
        load_profile(bad)
    worse = tmp_path / "worse.yaml"
    worse.write_text("name: worse\nmonitoring:\n  budget_lights: {green: five}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="monitoring/budget_lights/green 应为数字"):
        load_profile(worse)


def test_a_profile_without_extends_changes_only_what_it_says(tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text("name: partial\nmonitoring:\n  budget_lights: {green: 3}\n", encoding="utf-8")
    lights = load_profile(partial).section("monitoring")["budget_lights"]
    assert lights == {"green": 3, "yellow": 15}  # yellow from national.yaml, the one place of defaults


def test_detection_by_place_and_form_code() -> None:
    assert detect_profile(TargetTable(department="黄冈市水利和湖泊局")) == "hubei"
    assert detect_profile(TargetTable(project_name="工资性支出"), "510000_0013zp") == "sichuan"
    assert detect_profile(TargetTable(department="上海市普陀区体育局")) == "national"
    seed = read(ROOT / "examples" / "seed_2024.txt")
    alone = [detect_profile(table) for table in seed]
    assert alone[2] == "national"  # 自治区财政厅企业处 names no place …
    assert set(detect_profiles([(table, None) for table in seed])) == {"xinjiang"}  # … but its file does


def _report(month: int, executed: str, to_date: str | None, likelihood: Likelihood | None = None) -> MonitoringReport:
    from jixiao.model import Indicator

    indicator = Indicator(name="培训人数", target=parse_target("≥100人"), weight=Decimal(90))
    item = MonitoredIndicator(indicator, to_date=parse_target(to_date), likelihood=likelihood)
    budget = Budget(full_year=Decimal(100), executed=Decimal(executed), month=month)
    return MonitoringReport(TargetTable(project_name="培训"), budget, (item,), month=month)


def test_lights_follow_time_elapsed_progress() -> None:
    settings = monitor_settings(load_profile("national"))
    scoring = scoring_settings(load_profile("national"))
    sheet = compute_monitoring(_report(6, "46", "30人"), settings, scoring)
    assert (sheet.expected, sheet.budget_light) == (Decimal(50), "green")  # 4 points behind
    assert sheet.indicators[0].progress == Decimal(30)
    assert sheet.indicators[0].light == "yellow"  # 20 points behind: between 10 and 25
    assert compute_monitoring(_report(6, "30", "20人"), settings, scoring).budget_light == "red"  # 20 behind
    assert compute_monitoring(_report(6, "30", "20人"), settings, scoring).indicators[0].light == "red"
    # The unit's own 完成目标可能性 sets the light when given.
    certain = compute_monitoring(_report(6, "46", "20人", Likelihood.CERTAIN), settings, scoring)
    assert certain.indicators[0].light == "green"


def test_profile_curve_replaces_time_elapsed(tmp_path: Path) -> None:
    curve = tmp_path / "curve.yaml"
    curve.write_text("name: curve\nmonitoring:\n  progress: [5, 10, 20, 30, 40, 60, 70, 75, 80, 85, 90, 100]\n")
    settings = monitor_settings(load_profile(curve))
    assert settings.expected(6) == Decimal(60)
    assert settings.expected(3) == Decimal(20)


def test_forecast_total_and_findings() -> None:
    report = _report(6, "50", "40人", Likelihood.POSSIBLE)
    sheet = monitor(report, "national")
    # 50/100 projected to 100 → 10; 有可能 → 部分达成 default 60 % of 90 = 54.
    assert (sheet.forecast_execution, sheet.forecast_projected) == (Decimal(100), True)
    assert sheet.forecast_total == Decimal("64.00")
    assert sheet.forecast_grade == "中"
    assert sheet.findings.flatten() == [("JX-K001", "培训人数", "deviation")]


def test_forecast_total_is_rounded_once() -> None:
    from jixiao.model import Indicator

    # Seven indicators with no printed weights share 90 points evenly (12.857… each): all 确定能 and a
    # full forecast execution make 100, not 10 + 7 × 12.86 = 100.02.
    items = tuple(
        MonitoredIndicator(Indicator(name=f"指标{i}", target=parse_target("≥10个")), likelihood=Likelihood.CERTAIN)
        for i in range(1, 8)
    )
    budget = Budget(full_year=Decimal(100), executed=Decimal(50), forecast=Decimal(100), month=6)
    sheet = monitor(MonitoringReport(TargetTable(project_name="七项"), budget, items, month=6), "national")
    assert sheet.forecast_total == Decimal("100.00")
    assert sheet.forecast_grade == "优"
