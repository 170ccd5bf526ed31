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
    # 自评表 and 监控表 columns
    "actual": ("实际完成值", "完成值", "全年实际完成值", "实际完成情况", "实际值", "年度实际完成值", "全年实际值"),
    "score": ("得分", "自评得分", "实际得分", "指标得分"),
    "deviation": (
        "偏差原因分析及改进措施",
        "未完成原因分析",
        "偏差原因分析",
        "偏差原因",
        "未完成原因分析及改进措施",
        "偏差原因分析及改进措施说明",
        "原因分析及改进措施",
        "未完成原因和改进措施",
        "未完成原因分析和改进措施",
    ),
    "deviation_category": ("偏差原因类型", "偏差原因类别", "原因类型", "偏差类型"),
    "actual_to_date": ("半年度指标执行情况", "指标执行情况", "截至目前完成值", "当前完成值", "累计完成值"),
    "forecast": ("全年预计完成值", "预计全年完成值", "全年预计完成情况", "年底预计完成值"),
    "likelihood": (
        "完成目标可能性",
        "完成目标可能性(确定能、有可能、不可能)",
        "完成目标可能性(确定能、有可能、完全不可能)",
        "目标完成可能性",
    ),
    "remark": ("备注",),
}

#: 1-6月实际完成值, 1—7月执行情况: indicator progress to the end of a month (监控表).
_TO_DATE_COLUMN = re.compile(r"^1[-—~至]\d{1,2}月(?:实际完成值|完成值|执行情况|完成情况|指标执行情况)$")

#: Budget block of a 自评表 / 监控表 (预算执行情况): role → column labels, after dropping bracketed notes.
BUDGET_LABELS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算", "年初预算金额"),
    "full_year": ("全年预算数", "预算数", "全年预算", "年度预算数", "全年预算金额"),
    "adjusted": ("调整后预算数", "调整后预算", "调整预算数", "调整后预算金额"),
    "executed": ("全年执行数", "执行数", "预算执行数", "实际执行数", "全年实际执行数", "执行金额"),
    "forecast": ("全年预计执行数", "预计全年执行数", "全年预计支出数", "全年预计执行金额"),
    "rate": ("执行率", "预算执行率", "全年执行率"),
    "weight": ("分值", "权重"),
    "score": ("得分",),
    "reason": ("原因", "偏差原因", "执行偏差原因", "原因分析"),
}

#: The row of a budget block that holds the project's totals.
BUDGET_TOTAL_ROWS = ("年度资金总额", "年度财政资金总额", "资金总额", "总额", "合计", "年度预算总额", "项目资金总额")

#: 1-6月执行数: budget executed to the end of a month (监控表).
_TO_DATE_EXECUTED = re.compile(r"^1[-—~至](\d{1,2})月(?:执行数|预算执行数|实际执行数|支出数|执行金额)$")

#: Header block: field → labels.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "project_name": ("项目名称", "项目支出名称", "转移支付(项目)名称", "转移支付名称"),
    "budget_unit": ("预算单位", "项目单位", "单位名称", "预算单位名称"),
    "department": ("主管部门", "项目主管部门", "预算部门", "主管部门及代码", "地方主管部门"),
    "implementer": ("实施单位", "项目实施单位", "项目执行单位", "执行单位", "资金使用单位"),
    "project_lead": ("项目负责人",),
    "funding_block": ("项目资金", "资金情况", "项目资金情况", "资金来源", "资金投入情况"),
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
BUDGET_BY_LABEL = _invert(BUDGET_LABELS)


@lru_cache(maxsize=16384)
def column_role(text: str) -> str | None:
    label = normalize_label(text)
    role = COLUMN_BY_LABEL.get(label)
    if role is None and _TO_DATE_COLUMN.match(label):
        return "actual_to_date"
    return role


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
