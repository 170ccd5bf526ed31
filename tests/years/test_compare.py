"""A target's change between two versions: tightened, loosened, unchanged or changed."""

from __future__ import annotations

import pytest

from jixiao.values import parse_target
from jixiao.years import Change, compare_targets


@pytest.mark.parametrize(
    ("earlier", "later", "change"),
    [
        ("≥3000户", "≥2800户", Change.LOOSENED),
        ("≥3000户", "≥0.31万户", Change.TIGHTENED),  # across units
        ("≥3000户", "≥0.3万户", Change.UNCHANGED),
        ("≥90%", ">90%", Change.TIGHTENED),
        ("≤800元", "≤750元", Change.TIGHTENED),  # reverse: lower is stricter
        ("≤800元", "≤0.09万元", Change.LOOSENED),
        ("15日内", "10日内", Change.TIGHTENED),  # deadline: shorter is stricter
        ("2024年11月底前", "2024年12月31日前", Change.LOOSENED),
        ("≥3000户", "≥3000人", Change.CHANGED),  # another dimension
        ("≥95%", "≤95%", Change.CHANGED),  # another direction
        ("有效保障", "明显改善", Change.CHANGED),
        ("有效保障", "有效保障", Change.UNCHANGED),
        ("100%", "=100%", Change.UNCHANGED),
    ],
)
def test_compare_targets(earlier: str, later: str, change: Change) -> None:
    assert compare_targets(parse_target(earlier), parse_target(later)) is change


def test_a_missing_target_is_a_change() -> None:
    assert compare_targets(None, parse_target("≥1个")) is Change.CHANGED
    assert compare_targets(None, None) is Change.UNCHANGED
