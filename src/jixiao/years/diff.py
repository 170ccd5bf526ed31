"""The year diff of a project: indicators added, removed, tightened, loosened, changed and unchanged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Indicator
from .compare import Change, compare_targets
from .links import Link


@dataclass(frozen=True)
class DiffLine:
    change: Change
    earlier: Indicator | None
    later: Indicator | None
    score: float | None = None  # the link's score, for a linked pair

    @property
    def name(self) -> str:
        indicator = self.later or self.earlier
        assert indicator is not None
        return indicator.name

    @property
    def renamed(self) -> bool:
        return self.earlier is not None and self.later is not None and self.earlier.name != self.later.name


def year_diff(earlier: Sequence[Indicator], later: Sequence[Indicator], links: Sequence[Link]) -> list[DiffLine]:
    """Each indicator of either table once: linked pairs compared, the rest added or removed; in the later
    table's order, removed ones last."""
    by_later = {link.later.name: link for link in links}
    first = {indicator.name: indicator for indicator in earlier}
    lines: list[DiffLine] = []
    linked_earlier: set[str] = set()
    for indicator in later:
        link = by_later.get(indicator.name)
        if link is None or link.earlier.name not in first:
            lines.append(DiffLine(Change.ADDED, None, indicator))
            continue
        before = first[link.earlier.name]
        linked_earlier.add(before.name)
        lines.append(DiffLine(compare_targets(before.target, indicator.target), before, indicator, link.score))
    lines.extend(DiffLine(Change.REMOVED, i, None) for i in earlier if i.name not in linked_earlier)
    return lines
