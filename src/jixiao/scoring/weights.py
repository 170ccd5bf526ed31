"""Weights for tables that print none (Hubei: 年度绩效目标1(40分) over rows with only 得分).

Within a block of known points, an indicator that met its target and has a published score is taken
to be worth that score rounded up to a whole point (a met target earns full points, so 19.6 shows a
20-point indicator docked 0.4); the points left are split evenly over the others. A block whose
numbers do not add up, or whose printed weights already fill it, leaves the others unknown; a 其中… row, part of
the indicator above it, is never given a weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal

from ..model_selfeval import IndicatorResult
from .formulas import Assessment, Status


def infer_weights(
    results: Sequence[IndicatorResult], assessments: Sequence[Assessment], pool: Decimal | None
) -> list[tuple[Decimal | None, bool]]:
    """(weight, inferred) per result; ``pool`` is the points of indicators outside any block."""
    weights: list[tuple[Decimal | None, bool]] = [(r.weight, False) for r in results]
    if all(r.weight is not None for r in results):
        return weights
    blocks: dict[str | None, list[int]] = {}
    for index, result in enumerate(results):
        if result.indicator.parent is None:  # a 其中… row is part of the indicator above: never weighted itself
            blocks.setdefault(result.block, []).append(index)
    for block, members in blocks.items():
        points = results[members[0]].block_points if block is not None else pool
        if points is None:
            continue
        for index, weight in _fill(points, [(results[i], assessments[i]) for i in members]).items():
            weights[members[index]] = (weight, True)
    return weights


def _fill(points: Decimal, members: list[tuple[IndicatorResult, Assessment]]) -> dict[int, Decimal]:
    known = sum((r.weight for r, _a in members if r.weight is not None), Decimal(0))
    unknown = [i for i, (r, _a) in enumerate(members) if r.weight is None]
    left = points - known
    if left <= 0:
        return {}  # the printed weights fill the block: nothing is left to give
    if len(unknown) == 1:
        return {unknown[0]: left} if left >= 0 else {}
    guesses: dict[int, Decimal] = {}
    for i in unknown:
        published = members[i][0].score
        if members[i][1].status == Status.MET and published is not None:
            guesses[i] = published.to_integral_value(rounding=ROUND_CEILING)
    rest = [i for i in unknown if i not in guesses]
    remaining = left - sum(guesses.values(), Decimal(0))
    if remaining < 0 or (not rest and remaining != 0):
        return {}
    share = remaining / len(rest) if rest else Decimal(0)
    return {**guesses, **dict.fromkeys(rest, share)}
