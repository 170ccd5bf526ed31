"""Every rule is documented the same way, and docs/rules.md is the catalog as generated now."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.findings import Severity
from jixiao.review import REGISTRY, select
from jixiao.review.catalog import SECTIONS, catalog_markdown, missing_sections, rule_text, sections
from jixiao.review.registry import GROUPS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
REVIEW_CODES = sorted(code for code, rule in REGISTRY.items() if rule.subject == "target")


@pytest.mark.parametrize("code", REVIEW_CODES)
def test_rule_is_documented(code: str) -> None:
    rule = REGISTRY[code]
    assert missing_sections(rule) == []
    assert re.fullmatch(r"JX-[CNMR]\d{3}", code)
    assert isinstance(rule.severity, Severity)
    assert rule.title and rule.citation and rule.template
    assert re.search(r"[\u4e00-\u9fff]", rule.title)
    assert sections(rule)["summary"].rstrip("。") == rule.title


def test_the_four_review_groups_each_have_rules() -> None:
    letters = {code[3] for code in REVIEW_CODES}
    assert letters == {"C", "N", "M", "R"}
    assert {GROUPS[letter] for letter in letters} == {"完整性", "规范性", "可衡量性", "合理性"}


def test_docs_rules_md_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == catalog_markdown(), (
        "docs/rules.md is stale: run `python -m jixiao.review.catalog > docs/rules.md`"
    )


def test_rule_text_has_every_section() -> None:
    text = rule_text(REGISTRY["JX-N003"])
    assert text.startswith("JX-N003  指标名称中词语重复")
    for heading in SECTIONS:
        assert f"{heading}：" in text
    assert "占比占比" in text


def test_selection_by_code_prefix_and_group() -> None:
    assert [rule.code for rule in select(["JX-R001"])] == ["JX-R001"]
    assert {rule.code for rule in select(["JX-N"])} == {"JX-N001", "JX-N002", "JX-N003", "JX-N004"}
    assert {rule.code for rule in select(["规范性"])} == {"JX-N001", "JX-N002", "JX-N003", "JX-N004"}
    chosen = {rule.code for rule in select(["JX-R"], ["JX-R004"], subject="target")}
    assert "JX-R004" not in chosen and "JX-R001" in chosen
