"""Properties of the scoring engine, for any target, actual and weight (hypothesis)."""

from __future__ import annotations

import dataclasses
import math
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jixiao.model import Indicator, Kind, Operator, Target
from jixiao.model_selfeval import IndicatorResult
from jixiao.profile import load_profile
from jixiao.scoring.engine import compute
from jixiao.scoring.rounding import round_score
from jixiao.scoring.settings import scoring_settings

from .helpers import selfeval

NATIONAL = scoring_settings(load_profile("national"))
LINEAR = scoring_settings(load_profile("anhui"))
INTEGERS = dataclasses.replace(NATIONAL, places=0)
HALF_EVEN = dataclasses.replace(NATIONAL, rounding=ROUND_HALF_EVEN)

amounts = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000"), places=2, allow_nan=False)
positive_amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
weights = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("90"), places=1)
operators = st.sampled_from([Operator.GE, Operator.GT, Operator.EQ, Operator.LE, Operator.LT])
profiles = st.sampled_from([NATIONAL, LINEAR, INTEGERS])


def _score(operator: Operator, target: Decimal, actual: Decimal, weight: Decimal, profile=NATIONAL) -> Decimal:
    indicator = Indicator(
        name="指标", target=Target(f"{operator}{target}", Kind.NUMBER, operator, target), weight=weight
    )
    item = IndicatorResult(indicator, actual=Target(str(actual), Kind.NUMBER, Operator.EQ, actual))
    score = compute(selfeval(item), profile).indicators[0].score
    assert score is not None
    return score


@settings(max_examples=300, deadline=None)
@given(operators, positive_amounts, amounts, weights, profiles)
def test_score_is_between_zero_and_weight(
    operator: Operator, target: Decimal, actual: Decimal, weight: Decimal, profile: object
) -> None:
    score = _score(operator, target, actual, weight, profile)
    assert Decimal(0) <= score <= weight


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([Operator.GE, Operator.GT, Operator.EQ]), positive_amounts, amounts, amounts, weights)
def test_positive_score_never_falls_as_actual_grows(
    operator: Operator, target: Decimal, a: Decimal, b: Decimal, weight: Decimal
) -> None:
    low, high = sorted((a, b))
    assert _score(operator, target, low, weight) <= _score(operator, target, high, weight)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([Operator.LE, Operator.LT]), positive_amounts, amounts, amounts, weights, profiles)
def test_reverse_score_never_rises_as_actual_grows(
    operator: Operator, target: Decimal, a: Decimal, b: Decimal, weight: Decimal, profile: object
) -> None:
    low, high = sorted((a, b))
    assert _score(operator, target, low, weight, profile) >= _score(operator, target, high, weight, profile)


@given(st.integers(min_value=0, max_value=9999))
def test_half_way_cases_round_up_exactly(thousandths: int) -> None:
    # weight 10 × actual/10000 = thousandths/1000 exactly: every ...5 is a half-way case at 2 places.
    exact = Decimal(thousandths) / 1000
    score = _score(Operator.GE, Decimal(10000), Decimal(thousandths), Decimal(10))
    assert score == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if thousandths % 10 == 5:
        assert score == exact + Decimal("0.005")


def test_half_way_rounding_follows_the_profile() -> None:
    assert round_score(Decimal("8.625"), NATIONAL) == Decimal("8.63")
    assert round_score(Decimal("8.625"), HALF_EVEN) == Decimal("8.62")
    assert round_score(Decimal("8.635"), HALF_EVEN) == Decimal("8.64")
    assert round_score(Decimal("8.5"), INTEGERS) == Decimal("9")
    assert round_score(Decimal("0.005"), NATIONAL) == Decimal("0.01")


def _exact_half_up(value: Fraction) -> Decimal:
    return Decimal(math.floor(value * 100 + Fraction(1, 2))) / 100


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=99999),  # target, in hundredths
    st.integers(min_value=1, max_value=600),  # weight, in tenths
    st.integers(min_value=0, max_value=5999),  # the score wanted, in hundredths, before the half
    st.sampled_from(["positive", "ratio", "linear"]),
)
def test_half_way_cases_are_exact_for_any_target_and_weight(
    target_cents: int, weight_tenths: int, cents: int, formula: str
) -> None:
    # Pick the actual that makes the exact score k.kk5; the shares (actual/target, target/actual,
    # 1 − (actual − target)/target) need not terminate, but the score must still round half-up.
    target, weight = Fraction(target_cents, 100), Fraction(weight_tenths, 10)
    wanted = Fraction(cents * 10 + 5, 1000)
    assume(wanted < weight)
    share = wanted / weight
    actual = {"positive": share * target, "ratio": target / share, "linear": target * (2 - share)}[formula]
    written = Decimal(actual.numerator) / Decimal(actual.denominator)
    assume(Fraction(written) == actual)  # the actual must be writable as a decimal
    operator = Operator.GE if formula == "positive" else Operator.LE
    profile = LINEAR if formula == "linear" else NATIONAL
    score = _score(operator, Decimal(target_cents) / 100, written, Decimal(weight_tenths) / 10, profile)
    assert score == _exact_half_up(wanted)
