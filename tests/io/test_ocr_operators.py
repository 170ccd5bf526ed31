"""Operator recovery and plausibility of OCR'd value cells: the repairs and doubts a person is asked to confirm."""

from __future__ import annotations

import pytest

from jixiao.io.ocr.operators import direction, suspect
from jixiao.io.ocr.plausibility import implausible


@pytest.mark.parametrize(
    ("text", "context", "meant"),
    [
        ("2120人", {"compared": "118人"}, "≥120人"),  # the misreading seen in scans: ≥ taken for a 2
        ("2280次", {"compared": "275次"}, "≥280次"),  # as in a real published table
        ("22400人", {"compared": "2618人"}, "≥2400人"),
        ("298%", {"name": "服务对象满意度"}, "≥98%"),
        ("2105%", {"name": "资产保值增值率（%）"}, "≥105%"),  # a 增值率 may pass 100 %, not 2105 %
        ("过120人", {}, "≥120人"),
        ("立4%", {"name": "担保代偿率"}, "≤4%"),  # a rate to keep down
        ("M95%", {"name": "受保企业满意率"}, "≥95%"),
        ("》50亿元", {}, "≥50亿元"),
        ("2114352", {"compared": "0", "level1": "成本指标"}, None),  # no comparison value to go by: left alone
    ],
)
def test_misread_operators_are_repaired(text: str, context: dict[str, str], meant: str | None) -> None:
    found = suspect(text, **context)
    if meant is None:
        assert found is None
        return
    assert found is not None and found.repaired and found.suggestion == meant


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("2400人", {"compared": "2618人"}),  # a real 2400 beside 2618: nothing to repair
        ("100%", {"name": "企业满意率（%）"}),
        ("≥2400人", {"compared": "2618人"}),
        (">=50亿元", {}),
        ("20户", {"compared": "19户"}),
        ("25", {"compared": "33"}),
    ],
)
def test_values_that_read_right_are_left_alone(text: str, context: dict[str, str]) -> None:
    assert suspect(text, **context) is None


def test_a_strict_operator_from_ocr_is_doubted_not_changed() -> None:
    found = suspect(">50亿元")
    assert found is not None and not found.repaired and found.suggestion == "≥50亿元"
    assert suspect(">50亿元", ocr=False) is None


def test_direction_from_the_name_and_the_level() -> None:
    assert direction("担保代偿率") == "≤"
    assert direction("项目支出（万元）", "成本指标") == "≤"
    assert direction("受保企业满意率") == "≥"


@pytest.mark.parametrize(
    ("text", "field", "name", "why"),
    [
        (">=95%6", "target", "受保企业满意率", "读不成数值"),  # a character the recogniser made up
        (">=9596", "target", "受保企业满意率", "超过了 100%"),  # the % read as 96
        ("≥95次x", "target", "培训次数", "单位“次x”"),
        ("8496", "prior", "项目完工进度（%）", "超过了 100%"),  # 84%: the % read as 96, the unit from the name
        ("≥1O5%", "target", "资产保值增值率（%）", "读不成数值"),  # the letter O for a zero
        ("l0", "weight", "", "不是一个数"),
        ("105%", "actual", "服务对象满意度", "超过了 100%"),
    ],
)
def test_implausible_values_say_why(text: str, field: str, name: str, why: str) -> None:
    reason = implausible(text, field=field, name=name)
    assert reason is not None and why in reason


@pytest.mark.parametrize(
    ("text", "field", "name"),
    [
        ("≥105%", "target", "资产保值增值率（%）"),
        ("≤4.5万元/月、人", "target", "专职外部董事薪酬发放标准"),
        ("有效提升", "target", "提升公司社会影响力"),
        ("3月30日前给企业下达预算批复", "prior", "按时下达预算批复"),
        ("8", "weight", ""),
    ],
)
def test_plausible_values_pass(text: str, field: str, name: str) -> None:
    assert implausible(text, field=field, name=name) is None
