"""The public review API: `jixiao.review(table, profile=...)` → Report."""

from __future__ import annotations

from pathlib import Path

import jixiao
from jixiao.findings import Report
from jixiao.profile import load_profile
from jixiao.review import Reviewer
from jixiao.review.settings import ReviewSettings
from jixiao.rules import Subject, settings_for

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


def settings_of(name: str) -> ReviewSettings:
    settings: ReviewSettings = settings_for(load_profile(name), Subject.TARGET)
    return settings


def test_settings_merge_profile_over_national() -> None:
    national, xinjiang = settings_of("national"), settings_of("xinjiang")
    assert national.indicator_weight_total == 90 and national.default_year == 2024
    assert "evidence" not in national.required_indicator_fields
    assert "evidence" in xinjiang.required_indicator_fields
    assert xinjiang.satisfaction_minimum == national.satisfaction_minimum == 80
    assert national.cost_is_level1(2022) and not national.cost_is_level1(2021)


def test_the_weight_split_is_one_fact_read_by_review_and_scoring() -> None:
    from jixiao.scoring.settings import scoring_settings

    hubei = load_profile("hubei")
    assert settings_of("hubei").indicator_weight_total == scoring_settings(hubei).indicator_weight == 80
    assert settings_of("hubei").budget_execution_weight == scoring_settings(hubei).execution_weight == 20


def test_a_profile_named_on_every_call_is_resolved_once() -> None:
    assert load_profile("hubei") is load_profile("hubei")
    path = Path(jixiao.__file__).parent / "profiles" / "hubei.yaml"
    assert load_profile(path) is load_profile(str(path))
