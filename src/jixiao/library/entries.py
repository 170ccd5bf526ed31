"""Library entries: the observations of one 二级, kind of project and name group, summed up.

An entry says which names were used for it (most used first), its units, operators and bases, its typical target
values (quartiles per unit: values of one dimension converted to the entry's most used unit of it, so 万元 and 元
pool), and how often its targets were met in 自评.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import units
from ..cells import decimal_text
from ..errors import UnitMismatchError
from ..jsonout import number
from .observe import Observation

SEPARATOR = "|"
NUMBER = "number"
#: The kind of a pooled entry: one 二级 and name group over every kind of project.
ALL_KINDS = "全部"


def entry_key(level2: str | None, kind: str, group: str) -> str:
    """``数量指标|培训|培训人次``: a 二级, a kind of project and a name group."""
    return SEPARATOR.join((level2 or "-", kind, group))


def split_key(key: str) -> tuple[str | None, str, str]:
    level2, kind, group = key.split(SEPARATOR, 2)
    return (None if level2 == "-" else level2), kind, group


@dataclass(frozen=True)
class Typical:
    """Typical target values in one unit: how many, the quartiles, the extremes."""

    unit: str | None
    count: int
    q1: Decimal
    median: Decimal
    q3: Decimal
    minimum: Decimal
    maximum: Decimal


@dataclass(frozen=True)
class Entry:
    key: str
    level2: str | None
    kind: str
    group: str
    count: int  # observations
    tables: int  # distinct tables they come from
    names: tuple[tuple[str, int], ...]  # name as written → times used, most used first
    units: tuple[tuple[str, int], ...]
    operators: tuple[tuple[str, int], ...]
    basis: tuple[tuple[str, int], ...]
    typical: tuple[Typical, ...]  # one per unit, the most observed first
    evaluated: int  # self-evaluated observations that could be judged
    met: int
    recommended: bool = False
    merged: tuple[str, ...] = ()  # keys of the entries merged into this one
    kinds: tuple[tuple[str, int], ...] = ()  # kind of project → observations

    @property
    def met_rate(self) -> Decimal | None:
        """Share of self-evaluated targets that were met, in %; None without self-evaluations."""
        if not self.evaluated:
            return None
        return (Decimal(self.met) * 100 / Decimal(self.evaluated)).quantize(Decimal("0.1"))

    @property
    def unit(self) -> str | None:
        return self.units[0][0] if self.units else None

    @property
    def operator(self) -> str | None:
        return self.operators[0][0] if self.operators else None

    def typical_in(self, unit: str | None) -> Typical | None:
        """The typical values in ``unit``'s dimension (converted to ``unit``), or None.

        A target without a unit matches only typical values without one.
        """
        for typical in self.typical:
            if typical.unit is None or unit is None:
                if typical.unit == unit:
                    return typical
            elif units.same_dimension(typical.unit, unit):
                return _converted(typical, unit)
        return None


def _converted(typical: Typical, unit: str) -> Typical:
    def to(value: Decimal) -> Decimal:
        return units.convert(value, typical.unit, unit)

    return Typical(unit, typical.count, to(typical.q1), to(typical.median), to(typical.q3),
                   to(typical.minimum), to(typical.maximum))  # fmt: skip


def quantile(ordered: Sequence[Decimal], share: Decimal) -> Decimal:
    """The ``share`` quantile of sorted values, interpolated linearly between neighbours (inclusive method)."""
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def typical_values(values: Iterable[tuple[Decimal, str | None]]) -> tuple[Typical, ...]:
    """Quartiles per dimension of unit, each in that dimension's most used unit, the most observed first."""
    by_dimension: dict[str | None, list[tuple[Decimal, str | None]]] = {}
    for value, unit in values:
        by_dimension.setdefault(units.dimension(unit), []).append((value, unit))
    found: list[Typical] = []
    for pairs in by_dimension.values():
        unit = Counter(unit for _, unit in pairs).most_common(1)[0][0]
        converted: list[Decimal] = []
        for value, written in pairs:
            try:
                converted.append(units.convert(value, written, unit))
            except UnitMismatchError:  # pragma: no cover - same dimension by construction
                continue
        ordered = sorted(converted)
        q1, median, q3 = (quantile(ordered, Decimal(p) / 4) for p in (1, 2, 3))
        found.append(Typical(unit, len(ordered), q1, median, q3, ordered[0], ordered[-1]))
    return tuple(sorted(found, key=lambda t: -t.count))


def _counts(values: Iterable[str | None]) -> tuple[tuple[str, int], ...]:
    counts = Counter(value for value in values if value)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def summarise(
    key: str, observations: Sequence[Observation], *, recommended: bool = False, merged: tuple[str, ...] = ()
) -> Entry:
    """The entry ``key`` made of ``observations`` (which may come from several merged entries)."""
    level2, kind, group = split_key(key)
    judged = [o for o in observations if o.met is not None]
    numbers = [(o.value, o.unit) for o in observations if o.value is not None and o.target_kind == NUMBER]
    return Entry(
        key=key,
        level2=level2,
        kind=kind,
        group=group,
        count=len(observations),
        tables=len({o.source for o in observations}),
        names=_counts(o.name for o in observations),
        units=_counts(o.unit for o in observations),
        operators=_counts(o.operator for o in observations),
        basis=_counts(o.basis for o in observations),
        typical=typical_values(numbers),
        evaluated=len(judged),
        met=sum(1 for o in judged if o.met),
        recommended=recommended,
        merged=merged,
        kinds=_counts(o.kind for o in observations),
    )


def entry_dict(entry: Entry) -> dict[str, Any]:
    """An entry as JSON: what the CLI, the web and the API give."""
    return {
        "key": entry.key,
        "level2": entry.level2,
        "kind": entry.kind,
        "group": entry.group,
        "recommended": entry.recommended,
        "count": entry.count,
        "tables": entry.tables,
        "names": [{"name": name, "count": count} for name, count in entry.names],
        "units": [{"unit": unit, "count": count} for unit, count in entry.units],
        "operators": [{"operator": op, "count": count} for op, count in entry.operators],
        "basis": [{"basis": basis, "count": count} for basis, count in entry.basis],
        "typical": [
            {
                "unit": t.unit,
                "count": t.count,
                "q1": number(t.q1),
                "median": number(t.median),
                "q3": number(t.q3),
                "min": number(t.minimum),
                "max": number(t.maximum),
            }
            for t in entry.typical
        ],
        "evaluated": entry.evaluated,
        "met": entry.met,
        "met_rate": number(entry.met_rate),
        "kinds": [{"kind": kind, "count": count} for kind, count in entry.kinds],
        "merged": list(entry.merged),
    }


def typical_text(entry: Entry) -> str:
    """常见指标值 as a line: 中位数 and the quartiles per unit, with how many targets they come from."""
    parts = []
    for typical in entry.typical:
        unit = typical.unit or ""
        parts.append(
            f"{decimal_text(typical.median, 2)}{unit}（四分位 {decimal_text(typical.q1, 2)}–"
            f"{decimal_text(typical.q3, 2)}{unit}，{typical.count} 个）"
        )
    return "；".join(parts) or "无数值指标值"
