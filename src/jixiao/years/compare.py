"""How one target changed from one version to the next: tightened, loosened, unchanged, or changed beyond comparing.

A positive target (≥ > = and a range's lower end) is tightened when its value goes up, a reverse one (≤ <) when it
goes down; values are compared across units of one dimension (3000户 and 0.3万户 are the same). A deadline, a
tolerance or a date is tightened when it gets shorter, smaller or earlier. A change of direction, of the kind of
value or of a unit's dimension, or of a qualitative text, is ``changed``: there is no saying which is stricter.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from .. import units
from ..errors import UnitMismatchError
from ..model import Kind, Operator, Target
from ..values import normalize


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    TIGHTENED = "tightened"
    LOOSENED = "loosened"
    CHANGED = "changed"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return {"added": "新增", "removed": "删除", "tightened": "提高", "loosened": "降低", "changed": "改动",
                "unchanged": "未变"}[self.value]  # fmt: skip


_STRICTER = {(Operator.GE, Operator.GT): 1, (Operator.GT, Operator.GE): -1,
             (Operator.LE, Operator.LT): 1, (Operator.LT, Operator.LE): -1}  # fmt: skip
#: Kinds of value where a smaller number is the stricter target.
_SMALLER_IS_STRICTER = (Kind.DEADLINE, Kind.TOLERANCE)


def _direction(target: Target) -> int:
    return -1 if target.operator is not None and target.operator.is_reverse else 1


def _sign(difference: Decimal | int) -> int:
    return (difference > 0) - (difference < 0)


def _verdict(stricter: int) -> Change:
    return {1: Change.TIGHTENED, -1: Change.LOOSENED, 0: Change.UNCHANGED}[stricter]


def compare_targets(earlier: Target | None, later: Target | None) -> Change:
    """How ``later`` differs from ``earlier`` (both the same indicator's 指标值)."""
    if earlier is None and later is None:
        return Change.UNCHANGED
    if earlier is None or later is None:
        return Change.CHANGED
    if normalize(earlier.text) == normalize(later.text):
        return Change.UNCHANGED
    if earlier.kind is not later.kind:
        return Change.CHANGED
    if earlier.kind is Kind.DATE:
        if earlier.date is None or later.date is None or len(earlier.date) != len(later.date):
            return Change.CHANGED
        return _verdict(_sign(-((later.date > earlier.date) - (later.date < earlier.date))))
    if earlier.value is None or later.value is None:
        return Change.CHANGED
    try:
        value = units.convert(later.value, later.unit, earlier.unit)
    except UnitMismatchError:
        return Change.CHANGED
    if earlier.kind in _SMALLER_IS_STRICTER:
        return _verdict(_sign(earlier.value - value))
    if earlier.kind is not Kind.NUMBER or _direction(earlier) != _direction(later):
        return Change.CHANGED
    moved = _sign(value - earlier.value) * _direction(earlier)
    if moved:
        return _verdict(moved)
    if earlier.operator == later.operator or earlier.operator is None or later.operator is None:
        return Change.UNCHANGED if earlier.upper == later.upper else Change.CHANGED
    stricter = _STRICTER.get((earlier.operator, later.operator))
    return Change.CHANGED if stricter is None else _verdict(stricter)
