"""The value grammar and the label matching stay linear on hostile cells of 100,000 characters.

A pattern that backtracks catastrophically (a 20,000-digit 指标值 once cost 46 s of CPU in one regex) would hang
these tests far past their guard; a linear one takes milliseconds. The guard catches a hang, it does not time.
"""

from __future__ import annotations

import importlib
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest

from jixiao import units
from jixiao.errors import ValueSyntaxError
from jixiao.io.text import clean_cell
from jixiao.model import Kind
from jixiao.recognize.indicators import split_numbering
from jixiao.recognize.labels import column_role, field_of, is_stop, normalize_label
from jixiao.recognize.parts import parse_actual
from jixiao.values import parse_number, parse_target

CELL = 100_000
#: Runs of the characters the patterns are made of: digits, numerals, separators, brackets, dates, tags.
PIECES = ("1", "一", " ", "(", "（", ":", "-", "年", "月", "日", ".", ",", "1,", "1.", "1-", "≥1", "<p>", "<b", "万",
          "1 ", "\u3000", "1年1月", "指标", "(含", "±1")  # fmt: skip
#: Modules holding the patterns applied to cell text.
MODULES = ("jixiao.values", "jixiao.units", "jixiao.recognize.labels", "jixiao.recognize.header",
           "jixiao.recognize.indicators", "jixiao.recognize.parts", "jixiao.recognize.budget", "jixiao.io.segment",
           "jixiao.io.text", "jixiao.scoring.judgement", "jixiao.review.helpers")  # fmt: skip


class Hang(Exception):
    pass


@contextmanager
def hang_guard(seconds: int = 20) -> Iterator[None]:
    def hang(_signal: int, _frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def cells() -> Iterator[str]:
    for piece in PIECES:
        run = (piece * (CELL // len(piece) + 1))[:CELL]
        yield run
        yield run + "x"


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(name)
        found += [(f"{name}.{attribute}", value) for attribute, value in vars(module).items()
                  if isinstance(value, re.Pattern) and isinstance(value.pattern, str)]  # fmt: skip
    return found


@pytest.mark.parametrize(("name", "pattern"), patterns(), ids=[name for name, _ in patterns()])
def test_every_pattern_is_linear_on_long_cells(name: str, pattern: re.Pattern[str]) -> None:
    with hang_guard():
        for text in cells():
            pattern.search(text)
            pattern.fullmatch(text)
            pattern.sub("", text)


def test_cell_functions_are_bounded_on_long_cells() -> None:
    with hang_guard(60):
        for text in cells():
            parse_target.__wrapped__(text, name=text[:50])
            parse_actual(text, "x")
            normalize_label.__wrapped__(text)
            column_role.__wrapped__(text)
            field_of.__wrapped__(text)
            is_stop.__wrapped__(text)
            clean_cell(text)
            split_numbering(text)
            units.lookup(text)


def test_a_number_longer_than_any_amount_is_text() -> None:
    digits = "1" * 20_000
    target = parse_target(digits)
    assert target is not None and target.kind is Kind.QUALITATIVE and target.value is None
    assert parse_target("≥" + "9" * 33 + "人").kind is Kind.QUALITATIVE  # type: ignore[union-attr]
    assert parse_target("≥" + "9" * 20 + "元").value == Decimal("9" * 20)  # type: ignore[union-attr]
    with pytest.raises(ValueSyntaxError) as caught:
        parse_number(digits)
    assert "位数过多" in caught.value.message and len(caught.value.message) < 80


def test_deadline_still_read_inside_text() -> None:
    target = parse_target("收到批复后15日内")
    assert target is not None and target.kind is Kind.DEADLINE and target.value == 15
    assert parse_target("三个月内") is not None and parse_target("三个月内").kind is Kind.DEADLINE  # type: ignore[union-attr]


def test_a_thousand_multipliers_are_no_unit() -> None:
    assert units.lookup("万" * 1000 + "人") is None
    assert units.lookup("万人") == units.Unit("万人", "count:人", Decimal(10_000))
    assert units.lookup("万平方米") == units.Unit("万平方米", "area", Decimal(10_000))
