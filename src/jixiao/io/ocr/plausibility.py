"""Plausibility of a value cell read by OCR: does it read as the kind of value its column holds?

A recogniser sometimes adds a character it did not see (``≥95%6``), or turns a digit into a letter; the confidence it
gives can still be high. Such a cell no longer reads as a number in a known unit, which the value grammar can tell:
a cell with digits that reads only as text, a unit jixiao does not know, a share over 100 % in a column of shares
that cannot exceed it, a weight that is not a number. Each is a doubt for a person to settle, never a silent value.
"""

from __future__ import annotations

from ... import units
from ...errors import ValueSyntaxError
from ...model import Kind
from ...values import parse_number, parse_target

#: Names of shares that cannot exceed 100 %.
_CAPPED = ("满意", "合格率", "达标率", "占比", "完成率", "执行率", "覆盖率", "及时率", "准确率", "到位率", "知晓率")
_UNCAPPED = ("增值率", "增长率", "增幅", "倍")


def implausible(text: str, *, field: str, name: str = "") -> str | None:
    """Why ``text`` cannot be what a cell of ``field`` (target, prior, actual, weight, score) holds, or None."""
    if field in ("weight", "score"):
        try:
            parse_number(text)
        except ValueSyntaxError:
            return "不是一个数"
        return None
    target = parse_target(text, name=name)
    if target is None:
        return None
    if target.kind is Kind.QUALITATIVE:
        return "含有数字却读不成数值" if any(character.isdigit() for character in text) else None
    if target.kind is not Kind.NUMBER:
        return None
    if target.unit is not None and not units.is_known(target.unit):
        return f"单位“{target.unit}”不是常见单位"
    if target.value is None or target.value <= 100 or any(word in name for word in _UNCAPPED):
        return None
    # 9596 for 95%, 8496 for 84%: the % read as 96
    if target.unit == "%" or (target.unit is None and any(word in name for word in _CAPPED)):
        return "作为比率超过了 100%"
    return None
