"""Reader for jixiao's own JSON (``jixiao parse --format json``): each table → a grid in the text layout.

The JSON is laid out as the printed table would be — header block, indicator header, one row per
三级指标 with the texts as written — and goes through the one recognizer like every other format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import fields
from ..errors import InputError
from ..grid import Grid
from ..values import MAX_NUMBER_CHARS
from .segment import CellBudget, value_text
from .text import decode

_COLUMNS = tuple(field.label for field in fields.INDICATOR)


class _TooLong(ValueError):
    pass


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_CHARS:
        raise _TooLong(text)
    return int(text)


def read_json(path: Path) -> list[Grid]:
    text = decode(path.read_bytes(), str(path))
    try:
        document = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise InputError(f"JSON 格式错误：{error.msg}", file=path, row=error.lineno, column=error.colno) from None
    except RecursionError:
        raise InputError("JSON 的数组或对象嵌套过深，不是 jixiao 的目标表", file=path) from None
    except _TooLong:
        raise InputError(f"JSON 里有超过 {MAX_NUMBER_CHARS} 位的数字，不是金额或数量", file=path) from None
    tables = document.get("tables") if isinstance(document, dict) else None
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        raise InputError('JSON 里没有 jixiao 的目标表（应为 {"tables": [...]}）', file=path)
    budget = CellBudget(str(path))
    grids = []
    for index, table in enumerate(tables):
        check_shape(table, f"tables[{index}]", path)
        grid = _grid(table, str(path))
        budget.add(sum(1 for row in grid.rows for cell in row if not cell.empty))
        grids.append(grid)
    return grids


#: The shape of a table in jixiao's JSON: key → the types its value may have.
_TABLE_SHAPE: dict[str, tuple[type, ...]] = {
    "funding": (dict,),
    "indicators": (list,),
    "project_name": (str,),
    "budget_unit": (str,),
    "department": (str,),
    "implementer": (str,),
    "project_lead": (str,),
    "overall_goal": (str,),
    "title": (str,),
    "year": (int, str),
}
_INDICATOR_SHAPE: dict[str, tuple[type, ...]] = {
    "extra": (dict,),
    "target": (dict, str, int, float),
    "prior": (dict, str, int, float),
    "weight": (int, float, str),
    **{key: (str,) for key in ("level1", "level2", "level1_text", "level2_text", "name", "number", "basis",
                               "scoring_rule", "evidence")},
}  # fmt: skip
_TYPE_NAMES = {dict: "对象", list: "数组", str: "文字", int: "数字", float: "数字"}


def check_shape(table: dict[str, Any], where: str, path: Path) -> None:
    """Refuse a table whose values are of the wrong kind (``"funding": [1]``), naming the key."""
    _check(table, _TABLE_SHAPE, where, path)
    _check(
        table.get("funding") or {},
        dict.fromkeys(("total", "fiscal", "other"), (int, float, str)),
        f"{where}.funding",
        path,
    )
    for index, item in enumerate(table.get("indicators") or []):
        if not isinstance(item, dict):
            raise InputError(f"JSON 的 {where}.indicators[{index}] 应为对象", file=path)
        _check(item, _INDICATOR_SHAPE, f"{where}.indicators[{index}]", path)
        for key in ("target", "prior"):
            if isinstance(item.get(key), dict):
                _check(item[key], {"text": (str,)}, f"{where}.indicators[{index}].{key}", path)
        for key, value in (item.get("extra") or {}).items():
            if not isinstance(value, str | int | float) and value is not None:
                raise InputError(f"JSON 的 {where}.indicators[{index}].extra.{key} 应为文字", file=path)


def _check(values: dict[str, Any], shape: dict[str, tuple[type, ...]], where: str, path: Path) -> None:
    for key, types in shape.items():
        value = values.get(key)
        if value is not None and (not isinstance(value, types) or isinstance(value, bool)):
            expected = "或".join(dict.fromkeys(_TYPE_NAMES[t] for t in types))
            raise InputError(f"JSON 的 {where}.{key} 应为{expected}", file=path)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return _text(value.get("text"))
    return value_text(value)


def _grid(table: dict[str, Any], source: str) -> Grid:
    funding = table.get("funding") or {}
    rows: list[list[str]] = [
        ["项目名称", _text(table.get("project_name"))],
        ["主管部门", _text(table.get("department")), "实施单位", _text(table.get("implementer"))],
        ["预算单位", _text(table.get("budget_unit")), "项目负责人", _text(table.get("project_lead"))],
        [
            f"项目资金（{funding.get('unit') or '万元'}）",
            "年度预算总额",
            _text(funding.get("total")) or "-",
            "其中：财政拨款",
            _text(funding.get("fiscal")) or "-",
            "其他资金",
            _text(funding.get("other")) or "-",
        ],
        ["年度总体目标", _text(table.get("overall_goal"))],
    ]
    indicators = [item for item in table.get("indicators") or [] if isinstance(item, dict)]
    extras: list[str] = []
    for item in indicators:
        extras.extend(key for key in (item.get("extra") or {}) if key not in extras)
    rows.append([*_COLUMNS, *extras])
    for item in indicators:
        number = _text(item.get("number"))
        extra = item.get("extra") or {}
        rows.append(
            [
                _text(item.get("level1_text") or item.get("level1")),
                _text(item.get("level2_text") or item.get("level2")),
                (f"指标{number}：" if number else "") + _text(item.get("name")),
                _text(item.get("target")),
                _text(item.get("basis")),
                _text(item.get("prior")),
                _text(item.get("weight")),
                _text(item.get("scoring_rule")),
                _text(item.get("evidence")),
                *(_text(extra.get(key)) for key in extras),
            ]
        )
    title = _text(table.get("title")) or None
    year = _text(table.get("year"))
    if year and year not in (title or ""):
        rows.insert(0, [f"（{year}年度）"])
    return Grid.from_texts(rows, source=source, title=title)
