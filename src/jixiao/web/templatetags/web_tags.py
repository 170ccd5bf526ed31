"""Template helpers: look up a finding's explanation, name a field in Chinese, show a diff value."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from jixiao import fields
from jixiao.cells import decimal_text
from jixiao.findings import Finding

from ..models import Role, Status, Step, TableRecord
from ..services import stages
from ..services.findings import finding_key

register = template.Library()
HUNDREDTH = Decimal("0.01")


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``explanations|get_item:finding`` — by a finding (its key) or a plain key."""
    if not mapping:
        return ""
    if isinstance(key, Finding):
        key = finding_key(key)
    return mapping.get(key, "")


#: Fields of the web store that are not fields of the core's field table.
STORE_LABELS = {
    "year": "年度",
    "status": "状态",
    "stage": "审核阶段",
    "deleted": "删除",
    "evidence_file": "佐证资料文件",
    "comment": "审核意见",
    "number": "指标编号",
    "funding.unit": "金额单位",
    "account.name": "姓名",
    "account.email": "电子邮箱",
    "account.role": "角色",
    "account.scope": "范围",
    "account.active": "账号状态",
    "stages": "审核流程",
    "profile": "评分规则",
    # the entries of a 监控表 or 自评表 (services/monitoring.py, services/selfeval.py)
    "report": "监控/自评报告",
    "to_date": "期间完成值",
    "reason": "原因说明",
    "measures": "纠偏措施",
    "budget.measures": "纠偏措施",
    "judgement": "达成情况",
    "block": "指标分块",
    "block_points": "分块分值",
    "goal_actual": "年度总体目标完成情况",
    "indicator_points": "指标分值合计",
    "library": "取自指标库",
    "library.recommend": "指标库推荐",
    "library.retire": "指标库停用",
    "library.merge": "指标库合并",
    "link": "跨年度关联",
}


def _label(name: str) -> str:
    return STORE_LABELS.get(name) or fields.label(name)


@register.filter
def field_label(name: str | None) -> str:
    """The Chinese label of a table field (``target`` → 指标值; ``indicators[3].target`` → 第3行 指标值)."""
    if not name:
        return ""
    if name.startswith("indicators[") and "]." in name:
        row, _, field = name[len("indicators[") :].partition("].")
        return f"第{row}行 {_label(field)}"
    if name.startswith("explanation["):
        return "警告说明"
    return _label(name)


@register.filter
def shown(value: Any, field: str | None = None) -> str:
    """A diff value for the audit trail: a status by its Chinese name (草稿, 已提交), empty as a dash."""
    if value is None or value == "":
        return "—"
    if field == "status" and value in Status.values:
        return Status(value).label
    if field == "account.active":
        return "启用" if value else "停用"
    return str(value)


@register.filter
def stage_label(record: TableRecord) -> str:
    """The table's state with its stage: 主管部门初审中, 审核通过，待公开, 目标调整中."""
    return stages.label(record)


@register.filter
def role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


@register.filter
def step_label(step: str) -> str:
    return str(Step(step).label) if step in Step.values else step


@register.filter
def absolute(number: int) -> int:
    return abs(number)


@register.filter
def percent(value: Decimal | None) -> str:
    """A rate or progress in % to two places (17.49%), a dash when there is none."""
    return "—" if value is None else f"{Decimal(value).quantize(HUNDREDTH)}%"


@register.filter
def score(value: Decimal | None) -> str:
    """A score as written in a 自评表 (8.62, 20), empty when there is none."""
    return "" if value is None else decimal_text(Decimal(value))
