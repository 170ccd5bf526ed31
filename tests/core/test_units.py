"""Unit conversion within a dimension, in Decimal; across dimensions a typed error."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.errors import UnitMismatchError
from jixiao.model import Quantity
from jixiao.units import convert, same_dimension
from jixiao.values import parse_target


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        ("335033.29", "万元", "亿元", "33.503329"),
        ("21", "亿元", "万元", "210000"),
        ("1.5", "万元", "元", "15000"),
        ("3", "千元", "元", "3000"),
        ("9.9", "万人", "人", "99000"),
        ("2", "季度", "个月", "6"),
        ("1", "年", "月", "12"),
        ("4.5", "万元/月、人", "元/月、人", "45000"),
        ("3", "公顷", "平方米", "30000"),
        ("5", "‰", "%", "0.5"),
    ],
)
def test_convert(value: str, source: str, target: str, expected: str) -> None:
    assert convert(Decimal(value), source, target) == Decimal(expected)


def test_quantities_compare_across_money_units() -> None:
    prior = parse_target("335033.29万元")
    target = parse_target(">=21亿元")
    assert prior is not None and target is not None
    assert prior.quantity is not None and target.quantity is not None
    assert prior.quantity.compare(target.quantity) == 1
    assert Quantity(Decimal("3.2"), "亿元").compare(Quantity(Decimal(30000), "万元")) == 1
    assert Quantity(Decimal("2840522.52"), "万元").to("亿元").value == Decimal("284.052252")


def test_counts_compare_after_multiplier() -> None:
    prior = parse_target("9.9万人")
    assert prior is not None and prior.quantity == Quantity(Decimal(99000), "人")


@pytest.mark.parametrize(
    ("a", "b"), [("万元", "人"), ("%", "元"), ("人", "人次"), ("日", "个月"), ("元/月、人", "元/年")]
)
def test_different_dimensions_raise(a: str, b: str) -> None:
    assert not same_dimension(a, b)
    with pytest.raises(UnitMismatchError, match="不是同一类量"):
        convert(Decimal(1), a, b)


def test_unknown_units_compare_only_with_themselves() -> None:
    assert same_dimension("M", "M")
    assert not same_dimension("M", "吨")
    assert same_dimension(None, "万元")
