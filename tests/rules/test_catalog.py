"""Every rule of every rule set is documented, named and registered the same way; docs/rules.md is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.findings import Severity
from jixiao.rules import GROUPS, REGISTRY, Subject, load, select
from jixiao.rules.catalog import SECTIONS, catalog_markdown, missing_sections, rule_text, sections

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
load()
CODES = sorted(REGISTRY)
#: The subject each group's rules read.
SUBJECT_OF_GROUP = {"C": Subject.TARGET, "N": Subject.TARGET, "M": Subject.TARGET, "R": Subject.TARGET,
                    "S": Subject.SELFEVAL, "K": Subject.MONITOR, "Y": Subject.HISTORY}  # fmt: skip


def test_every_rule_set_is_registered() -> None:
    assert len([c for c in CODES if c[3] in "CNMR"]) == 26
    assert len([c for c in CODES if c[3] in "SK"]) == 22
    assert len([c for c in CODES if c[3] == "Y"]) == 3


@pytest.mark.parametrize("code", CODES)
def test_rule_is_documented_and_named_after_its_code(code: str) -> None:
    rule = REGISTRY[code]
    assert missing_sections(rule) == []
    assert re.fullmatch(r"JX-[CNMRSKY]\d{3}", code)
    assert isinstance(rule.severity, Severity) and isinstance(rule.subject, Subject)
    assert rule.subject is SUBJECT_OF_GROUP[code[3]]
    assert rule.title and rule.citation and rule.template
    assert re.search(r"[\u4e00-\u9fff]", rule.title)
    assert sections(rule)["summary"].rstrip("。") == rule.title
    assert rule.__module__.rpartition(".")[2].startswith(code[3].lower() + code[4:] + "_")


def test_groups_each_have_rules() -> None:
    assert {code[3] for code in CODES} == set(GROUPS)


def test_docs_rules_md_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == catalog_markdown(), (
        "docs/rules.md is stale: run `python -m jixiao.rules.catalog > docs/rules.md`"
    )


def test_rule_text_has_every_section_and_the_settings_it_reads() -> None:
    text = rule_text(REGISTRY["JX-N003"])
    assert text.startswith("JX-N003  指标名称中词语重复")
    for heading in SECTIONS:
        assert f"{heading}：" in text
    assert "占比占比" in text
    assert "配置项：`budget_execution_weight`、`indicator_weight_total`" in rule_text(REGISTRY["JX-R005"])
    assert "审查对象：自评表" in rule_text(REGISTRY["JX-S001"])


def test_selection_by_code_prefix_group_and_subject() -> None:
    assert [rule.code for rule in select(["JX-R001"])] == ["JX-R001"]
    assert {rule.code for rule in select(["JX-N"])} == {"JX-N001", "JX-N002", "JX-N003", "JX-N004"}
    assert {rule.code for rule in select(["规范性"])} == {"JX-N001", "JX-N002", "JX-N003", "JX-N004"}
    chosen = {rule.code for rule in select(["JX-R"], ["JX-R004"], subject=Subject.TARGET)}
    assert "JX-R004" not in chosen and "JX-R001" in chosen
    assert {rule.subject for rule in select(subject=Subject.MONITOR)} == {Subject.MONITOR}
