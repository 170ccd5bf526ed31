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
from .segment import value_text
from .text import decode

_COLUMNS = tuple(field.label for field in fields.INDICATOR)


def read_json(path: Path) -> list[Grid]:
    try:
        document = json.loads(decode(path.read_bytes(), str(path)))
    except json.JSONDecodeError as error:
        raise InputError(f"JSON 格式错误：{error.msg}", file=path, row=error.lineno, column=error.colno) from None
    tables = document.get("tables") if isinstance(document, dict) else None
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        raise InputError('JSON 里没有 jixiao 的目标表（应为 {"tables": [...]}）', file=path)
    return [_grid(table, str(path)) for table in tables]


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
