"""The public review API: `jixiao.review(table, profile=...)` → Report."""

from __future__ import annotations

from pathlib import Path

import jixiao
from jixiao.findings import Report
from jixiao.profile import load_profile
from jixiao.review import Reviewer, settings_of

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed_2024.txt"


def test_review_is_exported_from_the_package() -> None:
    assert "review" in jixiao.__all__
    table = jixiao.read(SEED)[3]
    report = jixiao.review(table, profile="xinjiang")
    assert isinstance(report, Report)
    assert report.project_name == "国有金融企业补助资金"
    assert ("JX-N003", "新增小微企业和“三农”再担保金额占比占比", "name") in report.flatten()


def test_profile_as_name_path_or_object_gives_the_same_report() -> None:
    table = jixiao.read(SEED)[0]
    by_name = jixiao.review(table, profile="national")
    by_object = jixiao.review(table, profile=load_profile("national"))
    path = Path(jixiao.__file__).parent / "profiles" / "national.yaml"
    assert by_name == by_object == jixiao.review(table, profile=path)


def test_year_comes_from_argument_then_table_then_profile() -> None:
    table = jixiao.read(SEED)[2]
    reviewer = Reviewer("national")
    assert reviewer.year_of(table) == 2024
    assert Reviewer("national", year=2021).year_of(table) == 2021
    assert reviewer.year_of(table.__class__(year=2020)) == 2020


def test_settings_merge_profile_over_defaults() -> None:
    national, xinjiang = settings_of(load_profile("national")), settings_of(load_profile("xinjiang"))
    assert national.indicator_weight_total == 90 and national.default_year == 2024
    assert "evidence" not in national.required_indicator_fields
    assert "evidence" in xinjiang.required_indicator_fields
    assert xinjiang.satisfaction_minimum == national.satisfaction_minimum == 80
    assert national.cost_is_level1(2022) and not national.cost_is_level1(2021)
