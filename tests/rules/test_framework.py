"""The rule framework: rules see only the settings they declare; registration refuses what breaks the catalog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jixiao.findings import Finding, Severity
from jixiao.model import TargetTable
from jixiao.profile import load_profile
from jixiao.review.rule import TargetRule
from jixiao.review.settings import ReviewSettings
from jixiao.rules import REGISTRY, Subject, UndeclaredSetting, load, register, rules_for, settings_for


class _Sketch(TargetRule):
    """A rule for these tests only (never registered)."""

    code = "JX-R999"
    title = "测试"
    severity = Severity.INFO
    citation = "—"
    template = "{x}"
    config_keywords = ("goal_min_chars",)

    def check(self, subject: TargetTable) -> Iterator[Finding]:
        yield self.finding(x=self.settings.goal_min_chars)


def _settings() -> ReviewSettings:
    settings: ReviewSettings = settings_for(load_profile("national"), Subject.TARGET)
    return settings


def test_a_rule_reads_what_it_declares() -> None:
    (finding,) = _Sketch(_settings()).check(TargetTable())
    assert finding.message == "20"


def test_a_setting_it_did_not_declare_is_refused() -> None:
    rule = _Sketch(_settings())
    with pytest.raises(UndeclaredSetting, match="JX-R999 reads satisfaction_minimum"):
        _ = rule.settings.satisfaction_minimum
    with pytest.raises(UndeclaredSetting, match="cost_level1_from"):
        rule.settings.cost_is_level1(2024)  # a method is open when the fields it reads are declared


def test_every_registered_rule_runs_on_its_declared_settings_alone() -> None:
    # the rule cases exercise every rule; this only checks each declared key exists on its settings
    load()
    for subject in Subject:
        settings = settings_for(load_profile("hubei"), subject)
        for rule in [r for r in REGISTRY.values() if r.subject is subject]:
            for key in rule.config_keywords:
                assert hasattr(settings, key), (rule.code, key)


def test_registration_refuses_a_reused_code_and_a_misnamed_module() -> None:
    reused = type("Reused", (_Sketch,), {"code": "JX-R001", "__module__": "jixiao.review.rules.r001_x"})
    with pytest.raises(ValueError, match="already used"):
        register(reused)
    misnamed = type("Misnamed", (_Sketch,), {"code": "JX-R998", "__module__": "jixiao.review.rules.weights"})
    with pytest.raises(ValueError, match=r"r998_<problem>\.py"):
        register(misnamed)
    assert "JX-R998" not in REGISTRY


def test_rules_are_bound_once_per_profile_and_selection() -> None:
    profile = load_profile("national")
    first = rules_for(profile, Subject.TARGET, ["JX-R"], ())
    assert first is rules_for(profile, Subject.TARGET, ["JX-R"], ())
    assert {rule.code[:4] for rule in first} == {"JX-R"}
