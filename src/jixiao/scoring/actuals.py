"""Scoring a target table from a simple actuals file, so a unit needs no 自评表 of its own.

CSV (UTF-8 or GB18030), one row per indicator, with a header row::

    project,indicator,actual,judgement,deviation
    国有资本经营预算项目,支持国有企业户数,12户,,
    国有资本经营预算项目,全年执行数,110000,,

``indicator`` is the 三级指标 name (its "指标1：" numbering and a trailing unit note optional), its
number (1 or 指标1) where that is unique in the table, a path 数量指标/1 or
产出指标/数量指标/支持国有企业户数; the rows 全年预算数 / 调整后预算数 / 全年执行数 give the budget
(in the table's money unit unless written with one — 12亿元, 215457.6元 convert; 全年预算数 defaults
to 年度预算总额).
``judgement`` (达成 / 部分达成 / 未达成 / 不适用) is for qualitative targets. ``project`` may be
left out when the file holds one table. Chinese headers (项目名称, 三级指标, 实际完成值, 达成情况,
偏差原因) work too. JSON: ``{"project": …, "budget": {"executed": …}, "indicators": [{"indicator": …,
"actual": …}]}``, or a list of such objects.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import InputError, UnitMismatchError, clip
from ..io.text import decode
from ..model import Indicator, Kind, TargetTable
from ..model_selfeval import Budget, IndicatorResult, SelfEvaluation
from ..recognize.indicators import split_numbering
from ..recognize.parts import parse_actual
from ..units import convert
from ..values import normalize, parse_target
from .judgement import judgement_of

_HEADERS = {
    "project": ("project", "项目", "项目名称"),
    "indicator": ("indicator", "name", "指标", "三级指标", "指标名称"),
    "actual": ("actual", "实际完成值", "完成值", "实际值"),
    "judgement": ("judgement", "达成情况", "完成情况评价", "判断"),
    "deviation": ("deviation", "偏差原因", "偏差原因分析及改进措施", "偏差原因分析"),
}
_BUDGET_ROWS = {
    "全年预算数": "full_year",
    "调整后预算数": "adjusted",
    "年初预算数": "initial",
    "全年执行数": "executed",
}
_BRACKET_NOTE = re.compile(r"[（(][^（）()]*[)）]$")


@dataclass
class ActualRow:
    indicator: str
    actual: str | None = None
    judgement: str | None = None
    deviation: str | None = None
    row: int | None = None


@dataclass(frozen=True)
class Amount:
    """A budget amount as written: 110000, 12亿元, 215457.6元 (no unit: the table's own)."""

    value: Decimal
    unit: str | None
    text: str
    row: int | None = None


@dataclass
class Actuals:
    project: str | None = None
    budget: dict[str, Amount] = field(default_factory=dict)
    rows: list[ActualRow] = field(default_factory=list)


def read_actuals(path: str | Path) -> list[Actuals]:
    """The actuals in a .csv or .json file, one :class:`Actuals` per project."""
    file = Path(path)
    if not file.is_file():
        raise InputError("实际完成值文件不存在", file=file)
    text = decode(file.read_bytes(), str(file))
    if file.suffix.lower() == ".json":
        return _from_json(text, str(file))
    return _from_csv(text, str(file))


def _from_csv(text: str, source: str) -> list[Actuals]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise InputError("实际完成值文件是空的", file=source)
    names = {_key(cell): i for i, cell in enumerate(header) if _key(cell)}
    if "indicator" not in names:
        raise InputError("表头缺少“indicator”（三级指标）列", file=source, row=1)
    by_project: dict[str | None, Actuals] = {}
    for number, cells in enumerate(reader, start=2):
        values = {key: (cells[i].strip() if i < len(cells) and cells[i].strip() else None) for key, i in names.items()}
        if not values.get("indicator"):
            continue
        actuals = by_project.setdefault(values.get("project"), Actuals(values.get("project")))
        _add(
            actuals,
            ActualRow(
                str(values["indicator"]), values.get("actual"), values.get("judgement"), values.get("deviation"), number
            ),
            source,
        )
    return list(by_project.values())


def _key(header: str) -> str | None:
    label = normalize(header).lower()
    return next((key for key, labels in _HEADERS.items() if label in labels), None)


def _from_json(text: str, source: str) -> list[Actuals]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"JSON 格式错误：{error.msg}", file=source, row=error.lineno, column=error.colno) from None
    projects = data if isinstance(data, list) else [data]
    result = []
    for project in projects:
        if not isinstance(project, dict):
            raise InputError("JSON 应为对象或对象列表", file=source)
        actuals = Actuals(project.get("project"))
        for key, value in (project.get("budget") or {}).items():
            actuals.budget[key] = _amount(str(value), source, None)
        for item in project.get("indicators") or []:
            _add(actuals, _json_row(item, source), source)
        result.append(actuals)
    return result


def _json_row(item: Any, source: str) -> ActualRow:
    if not isinstance(item, dict) or "indicator" not in item:
        raise InputError("indicators 的每一项应为含“indicator”的对象", file=source)

    def text(key: str) -> str | None:
        value = item.get(key)
        return None if value is None else str(value)

    return ActualRow(str(item["indicator"]), text("actual"), text("judgement"), text("deviation"))


def _add(actuals: Actuals, row: ActualRow, source: str) -> None:
    budget_key = _BUDGET_ROWS.get(normalize(row.indicator))
    if budget_key is not None:
        actuals.budget[budget_key] = _amount(row.actual or "", source, row.row)
    else:
        actuals.rows.append(row)


def _amount(text: str, source: str, row: int | None) -> Amount:
    written = parse_target(text)
    if written is None or written.value is None or written.kind is not Kind.NUMBER or written.upper is not None:
        raise InputError(f"预算金额“{clip(text)}”不是数字", file=source, row=row)
    return Amount(written.value, written.unit, text, row)


def _in_table_unit(amount: Amount | None, unit: str, source: str) -> Decimal | None:
    """``amount`` in the table's money unit: 12亿元 → 120000 for a table in 万元."""
    if amount is None:
        return None
    try:
        return convert(amount.value, amount.unit, unit)
    except UnitMismatchError:
        raise InputError(f"预算金额“{clip(amount.text)}”的单位不是金额单位", file=source, row=amount.row) from None


def selfeval_from(table: TargetTable, actuals: Actuals, source: str = "<actuals>") -> SelfEvaluation:
    """A self-evaluation of ``table`` with the actual values, judgements and budget of ``actuals``."""
    given: dict[int, ActualRow] = {}
    for row in actuals.rows:
        index = _match(table.indicators, row.indicator)
        if index is None:
            raise InputError(
                f"找不到三级指标“{clip(row.indicator)}”（项目“{table.project_name}”）", file=source, row=row.row
            )
        given[index] = row
    results = []
    for index, indicator in enumerate(table.indicators):
        item = given.get(index)
        if item is None:
            results.append(IndicatorResult(indicator))
            continue
        judgement = judgement_of(item.judgement) if item.judgement else None
        if item.judgement and judgement is None:
            raise InputError(
                f"达成情况“{clip(item.judgement)}”应为 达成/部分达成/未达成/不适用", file=source, row=item.row
            )
        actual = parse_actual(item.actual, indicator.name)
        results.append(IndicatorResult(indicator, actual, judgement=judgement, deviation=item.deviation))
    unit = table.funding.unit

    def amount(key: str) -> Decimal | None:
        return _in_table_unit(actuals.budget.get(key), unit, source)

    full_year = amount("full_year")
    budget = Budget(
        initial=amount("initial"),
        full_year=full_year if full_year is not None else table.funding.total,
        adjusted=amount("adjusted"),
        executed=amount("executed"),
        unit=unit,
    )
    return SelfEvaluation(table=table, budget=budget, results=tuple(results), published=False)


def _plain(name: str) -> str:
    return _BRACKET_NOTE.sub("", normalize(split_numbering(name)[1]))


def _match(indicators: Sequence[Indicator], key: str) -> int | None:
    wanted = normalize(key)
    for index, indicator in enumerate(indicators):
        if wanted in (normalize(indicator.name), indicator.path.replace(" ", "")):
            return index
    plain = _plain(key)
    matches = [i for i, ind in enumerate(indicators) if _plain(ind.name) == plain]
    if len(matches) == 1:
        return matches[0]
    number_only = wanted.removeprefix("指标")
    if number_only.isdigit():
        numbered = [i for i, ind in enumerate(indicators) if ind.number == number_only]
        if len(numbered) == 1:
            return numbered[0]
    if "/" in wanted:
        level2, _, number = wanted.rpartition("/")
        found = [
            i
            for i, ind in enumerate(indicators)
            if ind.number == number and level2 in (ind.level2 or "", ind.level2_text or "")
        ]
        if len(found) == 1:
            return found[0]
    return None


def pair_tables(tables: Sequence[TargetTable], all_actuals: Sequence[Actuals], source: str) -> list[SelfEvaluation]:
    """Each project's actuals applied to its table (by project name; a lone table takes unnamed actuals)."""
    result = []
    for actuals in all_actuals:
        if actuals.project is None:
            if len(tables) != 1:
                raise InputError("目标表文件里有多个项目，请在实际完成值文件的 project 列注明项目名称", file=source)
            table = tables[0]
        else:
            named = next((t for t in tables if t.project_name == actuals.project), None)
            if named is None:
                raise InputError(f"目标表里没有项目“{actuals.project}”", file=source)
            table = named
        result.append(selfeval_from(table, actuals, source))
    return result
