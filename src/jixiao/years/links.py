"""Links between one project's indicators of two tables, proposed with a score and decided by a person.

Two indicators are proposed as the same when their names are alike (the library's normal form and synonym groups:
受益农户满意度 and 受益群众满意度 score 1) — a little less when they stand under different 二级 — pairing the best
scores first. A reviewer accepts a link (kept whatever the scores say) or breaks it (never proposed again);
decisions are data, saved as JSON beside the tables (``links.json``) and applied to every later proposal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..io.writers import atomic_write
from ..library.names import similarity
from ..model import Indicator

#: Lowest score proposed as a link.
THRESHOLD = 0.6
#: Factor on the score of two names under different 二级.
OTHER_LEVEL2 = 0.8
FORMAT = "jixiao-links"


@dataclass(frozen=True)
class Ref:
    """One indicator of one year's table of a project: by year and name as written."""

    year: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "name": self.name}


@dataclass(frozen=True)
class Link:
    earlier: Ref
    later: Ref
    score: float
    accepted: bool = False  # decided by a person, not only proposed


@dataclass(frozen=True)
class Decision:
    project: str  # the project's key (its name without the year)
    earlier: Ref
    later: Ref
    accepted: bool  # True: accepted; False: broken


@dataclass
class Decisions:
    """Every accept/break decision a reviewer made, for any number of projects."""

    items: list[Decision] = field(default_factory=list)

    def for_project(self, project: str) -> list[Decision]:
        return [d for d in self.items if d.project == project]


def score(earlier: Indicator, later: Indicator) -> float:
    found = similarity(earlier.name, later.name)
    if earlier.level2 and later.level2 and earlier.level2 != later.level2:
        found *= OTHER_LEVEL2
    return round(found, 3)


def propose(
    project: str,
    earlier: tuple[int, Sequence[Indicator]],
    later: tuple[int, Sequence[Indicator]],
    decisions: Decisions | None = None,
) -> list[Link]:
    """The links between two tables' indicators: accepted ones first, then the best proposals, one per indicator."""
    (year_a, first), (year_b, second) = earlier, later
    decided = {(d.earlier, d.later): d.accepted for d in (decisions or Decisions()).for_project(project)}
    links: list[Link] = []
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    names_a = {i.name for i in first}
    names_b = {i.name for i in second}
    for (a, b), accepted in decided.items():
        if accepted and a.year == year_a and b.year == year_b and a.name in names_a and b.name in names_b:
            links.append(Link(a, b, 1.0, accepted=True))
            taken_a.add(a.name)
            taken_b.add(b.name)
    candidates = sorted(
        ((score(x, y), i, j, x, y) for i, x in enumerate(first) for j, y in enumerate(second)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    for found, _, _, x, y in candidates:
        if found < THRESHOLD:
            break
        a, b = Ref(year_a, x.name), Ref(year_b, y.name)
        if x.name in taken_a or y.name in taken_b or decided.get((a, b)) is False:
            continue
        links.append(Link(a, b, found))
        taken_a.add(x.name)
        taken_b.add(y.name)
    return links


def accept(decisions: Decisions, project: str, link: Link) -> Decisions:
    """Accept a link: it holds from now on, whatever the names' scores."""
    return _decide(decisions, Decision(project, link.earlier, link.later, accepted=True))


def break_link(decisions: Decisions, project: str, link: Link) -> Decisions:
    """Break a link: the two indicators are not the same, and the link is never proposed again."""
    return _decide(decisions, Decision(project, link.earlier, link.later, accepted=False))


def _decide(decisions: Decisions, decision: Decision) -> Decisions:
    key = (decision.project, decision.earlier, decision.later)
    kept = [d for d in decisions.items if (d.project, d.earlier, d.later) != key]
    return Decisions([*kept, decision])


def decisions_dict(decisions: Decisions) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": 1,
        "decisions": [
            {
                "project": d.project,
                "earlier": d.earlier.to_dict(),
                "later": d.later.to_dict(),
                "decision": "accepted" if d.accepted else "broken",
            }
            for d in decisions.items
        ],
    }


def _ref(value: Any, path: Path, number: int) -> Ref:
    if not isinstance(value, dict) or not isinstance(value.get("year"), int) or not isinstance(value.get("name"), str):
        raise InputError(f"第{number}条决定的 earlier/later 应为 {{year: 年度, name: 指标名称}}", file=path)
    return Ref(value["year"], value["name"])


def load_decisions(path: str | Path) -> Decisions:
    """The decisions in a ``links.json``; a missing file is no decisions yet."""
    file = Path(path)
    if not file.exists():
        return Decisions()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"不是有效的 JSON：{error}", file=file) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("decisions"), list):
        raise InputError(f"不是指标关联文件（应有 format: {FORMAT} 和 decisions 列表）", file=file)
    items: list[Decision] = []
    for number, item in enumerate(data["decisions"], start=1):
        if not isinstance(item, dict) or item.get("decision") not in ("accepted", "broken"):
            raise InputError(f"第{number}条决定应写 decision: accepted 或 broken", file=file)
        project = item.get("project")
        if not isinstance(project, str):
            raise InputError(f"第{number}条决定缺少 project（项目名称）", file=file)
        items.append(Decision(project, _ref(item.get("earlier"), file, number), _ref(item.get("later"), file, number),
                              item["decision"] == "accepted"))  # fmt: skip
    return Decisions(items)


def save_decisions(path: str | Path, decisions: Decisions) -> None:
    """Write the decisions to ``path`` (whole, or not at all)."""
    text = json.dumps(decisions_dict(decisions), ensure_ascii=False, indent=2) + "\n"

    def write(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8")

    atomic_write(Path(path), write)


def refs(year: int, indicators: Iterable[Indicator]) -> list[Ref]:
    return [Ref(year, indicator.name) for indicator in indicators]
