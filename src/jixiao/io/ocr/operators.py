"""Operator recovery: a ``≥`` or ``≤`` the recogniser lost or misread, found from the cell and the rest of its row.

Seen in OCR of real and synthetic scans: ``≥120人`` read as ``2120人`` (the ≥ taken for a 2), as ``过120人``,
``立120人`` or ``M120人`` (for a glyph it does not know well), ``》120人`` for a blurred ≥, and ``>=`` losing its
``=``. Each is checked against what the row says:

* a leading ``2`` is a ≥ when the number without it is plausible and the whole is not: a rate over 100 % whose rest
  is at most 100 % (``298%``), or a count more than five times the comparison value (the prior year's, or the
  target's for an actual) whose rest is within a factor of two of it (``2280次`` beside ``275次``);
* a letter or character before a number that no grammar reads (``过``, ``立``, ``M``) is an operator, ``≤`` where the
  name speaks of something to keep down (成本, 代偿率, 投诉) and ``≥`` otherwise;
* a strict ``>`` or ``<`` read by OCR may be a ``≥``/``≤`` whose lower stroke was lost: doubted, not changed.

A repair changes the value read, so it is always a note a person confirms; a doubt keeps the value as read and
suggests the other reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ... import units
from ...errors import UnitMismatchError
from ...model import Kind, Operator, Target
from ...values import normalize, parse_target

#: Glyphs the recogniser puts where a ≥ or ≤ was, none of which can start a value.
_MISREAD = {"》": "≥", "《": "≤", "过": None, "立": None, "M": None, "Z": None, "之": None, "兰": None, "N": None}
_LEADING_TWO = re.compile(r"^2(\d+(?:\.\d+)?)(.*)$")
#: Words of a name whose value is to be kept down (a reverse indicator, ≤).
_DOWN_WORDS = (
    "成本", "支出", "费用", "费率", "代偿", "投诉", "事故", "差错", "超支", "下降", "降低", "减少", "损失",
    "不良", "逾期", "违规", "时限", "用时", "耗时", "能耗", "控制", "发生率", "返工", "缺陷",
)  # fmt: skip
#: Rates that may exceed 100 % (a 增值率 of 105 % is ordinary).
_UNCAPPED = ("增值率", "增长率", "增幅", "覆盖倍数", "拨备覆盖率", "回报率", "收益率", "杠杆率", "倍")


@dataclass(frozen=True)
class Suspicion:
    """A suspected lost operator: what to read instead (when repaired) and why, in Chinese."""

    suggestion: str  # the cell as it most probably reads
    why: str
    repaired: bool  # True: the suggestion is read; False: the cell is read as written, with a doubt


def direction(name: str, level1: str | None = None) -> str:
    """ "≤" for an indicator whose value is to be kept down (成本指标, 代偿率), else "≥"."""
    if (level1 or "").startswith("成本") or any(word in name for word in _DOWN_WORDS):
        return "≤"
    return "≥"


def suspect(
    text: str, *, name: str = "", level1: str | None = None, compared: str | None = None, ocr: bool = True
) -> Suspicion | None:
    """A lost or misread operator in a 指标值 or 实际完成值 cell ``text``, or None when it reads as it should.

    ``compared`` is the row's value to compare with: the 上年完成值 for a target, the 指标值 for an actual.
    """
    written = normalize(text)
    if not written:
        return None
    first = written[0]
    if first in _MISREAD:
        rest = written[1:]
        target = parse_target(rest, name=name)
        if target is not None and target.kind is Kind.NUMBER and target.operator is Operator.EQ and rest[:1].isdigit():
            operator = _MISREAD[first] or direction(name, level1)
            return Suspicion(f"{operator}{rest}", f"开头的“{first}”不能开始一个数值，应是识别走样的“{operator}”", True)
    match = _LEADING_TWO.match(written)
    if match is not None:
        found = _leading_two(match, name=name, level1=level1, compared=compared)
        if found is not None:
            return found
    if ocr and first in "><" and written[1:2] != "=":
        meant = "≥" if first == ">" else "≤"
        return Suspicion(f"{meant}{written[1:]}", f"识别出的“{first}”也可能是下半笔没识别出的“{meant}”", False)
    return None


def _leading_two(match: re.Match[str], *, name: str, level1: str | None, compared: str | None) -> Suspicion | None:
    whole = parse_target(match.group(0), name=name)
    if whole is None or whole.kind is not Kind.NUMBER or whole.operator is not Operator.EQ or whole.value is None:
        return None
    rest = Decimal(match.group(1))
    operator = direction(name, level1)
    meant = f"{operator}{match.group(1)}{match.group(2)}"
    if _is_rate(whole):
        if any(word in name for word in _UNCAPPED):
            if whole.value >= 1000 > rest:
                return Suspicion(meant, f"比率 {whole.value}% 不合常理，去掉开头的“2”后是 {rest}%", True)
            return None
        if whole.value > 100 >= rest > 0:
            return Suspicion(meant, f"比率超过 100%，去掉开头的“2”后是 {rest}%，“2”应是识别走样的“{operator}”", True)
        return None
    reference = _value_in(compared, whole)
    if (
        reference is not None
        and reference > 0
        and reference / 2 <= rest <= reference * 2
        and whole.value > reference * 5
    ):
        return Suspicion(
            meant, f"是同行比较值“{compared}”的五倍以上，去掉开头的“2”后与之相近，“2”应是识别走样的“{operator}”", True
        )
    return None


def _is_rate(target: Target) -> bool:
    return target.unit is not None and units.dimension(target.unit) == units.dimension("%")


def _value_in(text: str | None, like: Target) -> Decimal | None:
    """The number in ``text`` in the unit of ``like``, or None when it has none or a unit of another kind."""
    other = parse_target(text) if text else None
    if other is None or other.value is None or other.kind is not Kind.NUMBER:
        return None
    if other.unit is None or like.unit is None:
        return other.value
    try:
        return units.convert(other.value, other.unit, like.unit)
    except UnitMismatchError:
        return None
