"""Labels as printed in the tables' header blocks and indicator header rows, with their synonyms.

Columns are found by these labels, never by position; a label not listed here is kept as an extra
column. The labels come from the field table (:mod:`jixiao.fields`); each mapping here is role → the labels that
mean it, after :func:`normalize_label`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import fields
from ..fields import Place
from .folding import simplified

_BRACKETED = re.compile(r"\(([^()]*)\)")
_MARKS = "*＊★☆※"
#: The period a qualifier or a prefix names: 指标值(年度), 二级指标(长期), 中期指标值.
PERIODS = {
    "年度": "年度",
    "当年": "年度",
    "全年": "年度",
    "本年度": "年度",
    "中期": "中期",
    "实施期": "中期",
    "长期": "长期",
}
_PERIOD_PREFIX = re.compile(r"^(年度|当年|全年|本年度|中期|实施期|长期)(?=.)")
_TRAILING_NOTE = re.compile(r"\((?:[A-Z]|[A-Z]/[A-Z]|\d+分|盖章|含[^()]*|万元|元|%|[A-Z]-[A-Z])\)$")

#: Indicator header row: role → labels.
COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    field.name: field.labels for field in fields.FIELDS if field.place in (Place.INDICATOR, Place.HELPER, Place.RESULT)
}

#: 1-6月实际完成值, 1—7月执行情况: indicator progress to the end of a month (监控表).
_TO_DATE_COLUMN = re.compile(r"^1[-—~至]\d{1,2}月(?:实际完成值|完成值|执行情况|完成情况|指标执行情况)$")

#: Budget block of a 自评表 / 监控表 (预算执行情况): role → column labels, after dropping bracketed notes.
BUDGET_LABELS: dict[str, tuple[str, ...]] = {
    field.name.removeprefix("budget."): field.labels for field in fields.of(Place.BUDGET)
}

#: The row of a budget block that holds the project's totals.
BUDGET_TOTAL_ROWS = ("年度资金总额", "年度财政资金总额", "资金总额", "总额", "合计", "年度预算总额", "项目资金总额")

#: 1-6月执行数: budget executed to the end of a month (监控表).
_TO_DATE_EXECUTED = re.compile(r"^1[-—~至](\d{1,2})月(?:执行数|预算执行数|实际执行数|支出数|执行金额)$")

#: Header block: field → labels (``funding`` is the 项目资金 label before the amounts).
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    field.name: field.labels for field in fields.FIELDS if field.place in (Place.HEADER, Place.FUNDING)
}

#: Rows that end the indicator block.
STOP_LABELS = (
    "总分",
    "合计",
    "总计",
    "财政部门审核意见",
    "主管部门审核意见",
    "审核意见",
    "评价结论",
    "存在问题",
    "改进措施",
    "偏差大或目标未完成原因分析",
    "改进措施及结果应用方案",
    "偏差或不能完成目标原因分析",
    "相关建议或举措",
    "备注",
    "项目负责人",
    "财务负责人",
    "填表人",
    "联系电话",
    "注",
    "说明",
)

#: Rows that introduce the indicator block and carry nothing else.
SECTION_LABELS = ("绩效指标", "本年度绩效指标", "年度绩效指标", "项目绩效指标", "绩效目标")


@lru_cache(maxsize=16384)
def _folded(text: str) -> str:
    label = simplified(unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", "", label).strip(":：").lstrip(_MARKS).strip(":：")


@lru_cache(maxsize=16384)
def normalize_label(text: str) -> str:
    """Fold width and traditional characters, drop spaces, marks of required fields (*, ★), a trailing colon and
    bracketed notes: ' 項目資金（万元）：' → '项目资金'."""
    label = _folded(text)
    while True:
        trimmed = _TRAILING_NOTE.sub("", label).strip(":：")
        if trimmed == label:
            break
        label = trimmed
    return label.replace(":", "").replace("：", "")


def bracket_unit(text: str) -> str | None:
    """The money unit in a label's brackets: 项目资金（万元） → 万元."""
    for inside in _BRACKETED.findall(unicodedata.normalize("NFKC", text)):
        if inside in ("元", "万元", "千元", "亿元"):
            return str(inside)
    return None


def _invert(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {label: role for role, labels in table.items() for label in labels}


COLUMN_BY_LABEL = _invert(COLUMN_LABELS)
FIELD_BY_LABEL = _invert(FIELD_LABELS)
BUDGET_BY_LABEL = _invert(BUDGET_LABELS)


@lru_cache(maxsize=16384)
def split_label(text: str) -> tuple[str, tuple[str, ...]]:
    """A label without its bracketed qualifiers, and the qualifiers.

    '指标值(或计划水平)' → ('指标值', ('或计划水平',)).
    """
    label = _folded(text)
    qualifiers = tuple(part for part in _BRACKETED.findall(label) if part)
    return _BRACKETED.sub("", label).replace(":", "").replace("：", ""), qualifiers


@lru_cache(maxsize=16384)
def column_role(text: str) -> str | None:
    """The field a column label names: exactly, without its bracketed qualifiers (二级指标(长期), 实际完成指标值(B)),
    or without a period prefix (中期指标值)."""
    label = normalize_label(text)
    role = COLUMN_BY_LABEL.get(label)
    if role is not None:
        return role
    if _TO_DATE_COLUMN.match(label):
        return "actual_to_date"
    base, _qualifiers = split_label(text)
    role = COLUMN_BY_LABEL.get(base)
    if role is None and (prefix := _PERIOD_PREFIX.match(base)) is not None:
        role = COLUMN_BY_LABEL.get(base[prefix.end() :])
        if role not in ("level1", "level2", "name", "target"):
            return None
    return role


@lru_cache(maxsize=16384)
def column_period(text: str) -> str | None:
    """The period (年度, 中期, 长期) a column label names in its qualifier or prefix, else None."""
    base, qualifiers = split_label(text)
    for qualifier in qualifiers:
        if qualifier in PERIODS:
            return PERIODS[qualifier]
    prefix = _PERIOD_PREFIX.match(base)
    return PERIODS[prefix.group(1)] if prefix is not None else None


@lru_cache(maxsize=16384)
def budget_role(text: str) -> tuple[str | None, int | None]:
    """A budget column's role and, for 1-6月执行数, the month it runs to: ('executed_to_date', 6)."""
    label = re.sub(r"\([^()]*\)", "", unicodedata.normalize("NFKC", text))
    label = re.sub(r"\s+", "", label).strip(":：")
    month = _TO_DATE_EXECUTED.match(label)
    if month is not None:
        return "executed_to_date", int(month.group(1))
    return BUDGET_BY_LABEL.get(label), None


def is_budget_total(text: str) -> bool:
    return normalize_label(text) in BUDGET_TOTAL_ROWS


@lru_cache(maxsize=16384)
def field_of(text: str) -> str | None:
    return FIELD_BY_LABEL.get(normalize_label(text))


@lru_cache(maxsize=16384)
def is_stop(text: str) -> bool:
    """A row label that ends the indicator block: 总分, 财政部门审核意见, 项目负责人：…"""
    if normalize_label(text) in STOP_LABELS:
        return True
    folded = unicodedata.normalize("NFKC", text).strip()
    return any(folded.startswith(stop) and folded[len(stop) : len(stop) + 1] in (":", "(") for stop in STOP_LABELS)


@lru_cache(maxsize=16384)
def is_section(text: str) -> bool:
    return normalize_label(text) in SECTION_LABELS


@lru_cache(maxsize=4096)
def explain_label(text: str) -> str:
    """How a column label was matched, in Chinese, for ``parse --explain``."""
    role = column_role(text)
    if role is None:
        return "列名未能识别，作为附加列原样保留"
    field = fields.BY_NAME.get(role)
    target = field.label if field else role
    written = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    steps = []
    if simplified(written) != written:
        steps.append("繁体字折为简体")
    label = normalize_label(text)
    if label == target:
        pass
    elif COLUMN_BY_LABEL.get(label) == role:
        steps.append(f"“{label}”是“{target}”的另一种写法")
    else:
        base, qualifiers = split_label(text)
        if qualifiers:
            steps.append(f"去掉括号里的“{'、'.join(qualifiers)}”")
        if COLUMN_BY_LABEL.get(base) is None and _PERIOD_PREFIX.match(base):
            steps.append(f"去掉期别“{_PERIOD_PREFIX.match(base).group(1)}”")  # type: ignore[union-attr]
    steps.append(f"读作“{target}”")
    return "，".join(steps)
