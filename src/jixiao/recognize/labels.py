"""Labels as printed in the tables' header blocks and indicator header rows, with their synonyms.

Columns are found by these labels, never by position; a label not listed here is kept as an extra
column. Each mapping is role → the labels that mean it, after :func:`normalize_label`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_BRACKETED = re.compile(r"\(([^()]*)\)")
_TRAILING_NOTE = re.compile(r"\((?:[A-Z]|[A-Z]/[A-Z]|\d+分|盖章|含[^()]*|万元|元|%|[A-Z]-[A-Z])\)$")

#: Indicator header row: role → labels.
COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "指标内容", "三级指标名称", "绩效指标名称", "具体指标"),
    "target": (
        "指标值",
        "年度指标值",
        "目标值",
        "当年预期实现值",
        "年初目标值",
        "指标值及单位",
        "预期指标值",
        "全年指标值",
        "年度目标值",
        "预期目标值",
        "绩效指标值",
        "年度指标值(A)",
        "目标值(A)",
    ),
    "operator": ("指标性质", "指标值类型", "指标方向"),
    "unit": ("度量单位", "计量单位", "单位"),
    "basis": ("指标值设置依据", "指标值设定依据", "绩效标准", "设置依据", "指标值确定依据"),
    "prior": ("上年完成值", "上年自评值", "上年实际完成值", "上年度完成值", "上年实际值"),
    "weight": ("指标分值权重", "分值", "权重", "指标分值", "分值权重", "指标权重"),
    "scoring_rule": ("指标赋分规则", "赋分规则", "评(扣)分标准", "评分标准", "评分规则", "计分方法"),
    "evidence": ("佐证资料", "佐证材料", "佐证资料要求"),
}

#: Header block: field → labels.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "project_name": ("项目名称", "项目支出名称"),
    "budget_unit": ("预算单位", "项目单位", "单位名称", "预算单位名称"),
    "department": ("主管部门", "项目主管部门", "预算部门", "主管部门及代码"),
    "implementer": ("实施单位", "项目实施单位", "项目执行单位", "执行单位"),
    "project_lead": ("项目负责人",),
    "funding_block": ("项目资金", "资金情况", "项目资金情况", "资金来源"),
    "funding.total": ("年度预算总额", "年度资金总额", "资金总额", "预算总额", "年度本级预算金额"),
    "funding.fiscal": (
        "财政拨款",
        "其中财政拨款",
        "当年财政拨款",
        "其中当年财政拨款",
        "财政资金",
        "其中财政资金",
        "上级资金",
        "其中上级资金",
    ),
    "funding.other": ("其他资金", "其中其他资金"),
    "overall_goal": ("年度总体目标", "项目总体目标", "总体目标", "本年度绩效目标", "年度绩效目标", "年度目标"),
    "period_goal": ("实施期绩效目标", "实施期目标"),
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
def normalize_label(text: str) -> str:
    """Fold width, drop spaces and a trailing colon and bracketed notes: ' 项目资金（万元）：' → '项目资金'."""
    label = unicodedata.normalize("NFKC", text)
    label = re.sub(r"\s+", "", label).strip(":：")
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


@lru_cache(maxsize=16384)
def column_role(text: str) -> str | None:
    return COLUMN_BY_LABEL.get(normalize_label(text))


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
