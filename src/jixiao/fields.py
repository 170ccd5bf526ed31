"""The field table: every field of a table once — its code name, its Chinese label, the other labels that mean it,
where it sits and how wide it is shown.

The recognizer finds columns and header fields by these labels, the writers print the labels and widths, the CLI,
the findings and the web app name fields by them. A label printed in some template that means one of these fields is
added here, as a synonym, and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Place(StrEnum):
    HEADER = "header"  # the header block of a table (项目名称 …)
    FUNDING = "funding"  # 项目资金: the amounts of the header block
    INDICATOR = "indicator"  # a column of the indicator block of a 目标表
    HELPER = "helper"  # a column that completes another one (指标性质, 计量单位 complete 指标值)
    RESULT = "result"  # a column of a 自评表 or 监控表 beside the targets
    BUDGET = "budget"  # the budget-execution block of a 自评表 or 监控表


@dataclass(frozen=True)
class Field:
    name: str  # code name, as in the model and JSON: target, funding.total, budget.executed
    label: str  # as printed in the national template
    place: Place
    synonyms: tuple[
        str, ...
    ] = ()  # other labels that mean it, as :func:`jixiao.recognize.labels.normalize_label` leaves them
    width: int = 0  # display width in Excel character units (0: not a column of the official layout)

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


_H, _F, _I, _X, _R, _B = Place.HEADER, Place.FUNDING, Place.INDICATOR, Place.HELPER, Place.RESULT, Place.BUDGET

FIELDS: tuple[Field, ...] = (
    # header block
    Field("project_name", "项目名称", _H, ("项目支出名称", "转移支付(项目)名称", "转移支付名称")),
    Field("department", "主管部门", _H, ("项目主管部门", "预算部门", "主管部门及代码", "地方主管部门")),
    Field("implementer", "实施单位", _H, ("项目实施单位", "项目执行单位", "执行单位", "资金使用单位")),
    Field("budget_unit", "预算单位", _H, ("项目单位", "单位名称", "预算单位名称")),
    Field("project_lead", "项目负责人", _H),
    Field(
        "overall_goal", "年度总体目标", _H, ("项目总体目标", "总体目标", "本年度绩效目标", "年度绩效目标", "年度目标")
    ),
    Field("period_goal", "实施期绩效目标", _H, ("实施期目标",)),
    # 项目资金
    Field("funding", "项目资金", _F, ("资金情况", "项目资金情况", "资金来源", "资金投入情况")),
    Field("funding.total", "年度预算总额", _F, ("年度资金总额", "资金总额", "预算总额", "年度本级预算金额")),
    Field(
        "funding.fiscal",
        "财政拨款",
        _F,
        ("其中财政拨款", "当年财政拨款", "其中当年财政拨款", "财政资金", "其中财政资金", "上级资金", "其中上级资金"),
    ),
    Field("funding.other", "其他资金", _F, ("其中其他资金",)),
    # indicator columns of a 目标表, in the order of the official layout
    Field("level1", "一级指标", _I, ("一级", "一级指标名称"), width=10),
    Field("level2", "二级指标", _I, ("二级", "二级指标名称"), width=13),
    Field(
        "name",
        "三级指标",
        _I,
        ("指标名称", "指标内容", "三级指标名称", "绩效指标名称", "具体指标", "三级", "指标", "预期产出指标"),
        width=28,
    ),
    Field(
        "target",
        "指标值",
        _I,
        (
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
            "年度数值",
            "数值",
            "计划水平",
        ),
        width=20,
    ),
    Field("basis", "指标值设置依据", _I, ("指标值设定依据", "绩效标准", "设置依据", "指标值确定依据"), width=13),
    Field("prior", "上年完成值", _I, ("上年自评值", "上年实际完成值", "上年度完成值", "上年实际值"), width=16),
    Field("weight", "指标分值权重", _I, ("分值", "权重", "指标分值", "分值权重", "指标权重"), width=9),
    Field(
        "scoring_rule",
        "指标赋分规则",
        _I,
        ("赋分规则", "评(扣)分标准", "评分标准", "评分规则", "计分方法", "计分标准", "指标说明及评分标准"),
        width=17,
    ),
    Field("evidence", "佐证资料", _I, ("佐证材料", "佐证资料要求"), width=12),
    # columns that complete the 指标值
    Field("operator", "指标性质", _X, ("指标值类型", "指标方向", "计算符号", "符号", "运算符号", "指标符号")),
    Field("unit", "计量单位", _X, ("度量单位", "单位")),
    # 自评表 and 监控表 columns
    Field(
        "actual",
        "实际完成值",
        _R,
        (
            "完成值",
            "全年实际完成值",
            "实际完成情况",
            "实际值",
            "年度实际完成值",
            "全年实际值",
            "全年完成值",
            "实际完成指标值",
            "完成指标值",
        ),
    ),
    Field("score", "得分", _R, ("自评得分", "实际得分", "指标得分")),
    Field(
        "deviation",
        "偏差原因分析及改进措施",
        _R,
        (
            "未完成原因分析",
            "偏差原因分析",
            "偏差原因",
            "未完成原因分析及改进措施",
            "偏差原因分析及改进措施说明",
            "原因分析及改进措施",
            "未完成原因和改进措施",
            "未完成原因分析和改进措施",
        ),
    ),
    Field("deviation_category", "偏差原因类型", _R, ("偏差原因类别", "原因类型", "偏差类型")),
    Field("actual_to_date", "截至目前完成值", _R, ("半年度指标执行情况", "指标执行情况", "当前完成值", "累计完成值")),
    Field("forecast", "全年预计完成值", _R, ("预计全年完成值", "全年预计完成情况", "年底预计完成值")),
    Field(
        "likelihood",
        "完成目标可能性",
        _R,
        ("完成目标可能性(确定能、有可能、不可能)", "完成目标可能性(确定能、有可能、完全不可能)", "目标完成可能性"),
    ),
    Field("measures", "完成目标采取的措施", _R, ("采取的措施", "拟采取的措施", "完成目标拟采取的措施", "整改措施")),
    Field("remark", "备注", _R),
    # budget-execution block (预算执行情况)
    Field("budget.initial", "年初预算数", _B, ("年初预算", "年初预算金额")),
    Field("budget.full_year", "全年预算数", _B, ("预算数", "全年预算", "年度预算数", "全年预算金额")),
    Field("budget.adjusted", "调整后预算数", _B, ("调整后预算", "调整预算数", "调整后预算金额")),
    Field("budget.executed", "全年执行数", _B, ("执行数", "预算执行数", "实际执行数", "全年实际执行数", "执行金额")),
    Field("budget.forecast", "全年预计执行数", _B, ("预计全年执行数", "全年预计支出数", "全年预计执行金额")),
    Field("budget.rate", "执行率", _B, ("预算执行率", "全年执行率")),
    Field("budget.weight", "分值", _B, ("权重",)),
    Field("budget.score", "得分", _B),
    Field("budget.reason", "偏差原因", _B, ("原因", "执行偏差原因", "原因分析")),
)

BY_NAME: dict[str, Field] = {field.name: field for field in FIELDS}


def of(place: Place) -> tuple[Field, ...]:
    """The fields of one place, in table order."""
    return tuple(field for field in FIELDS if field.place is place)


#: The header fields and the indicator columns of a 目标表, in the order of the official layout.
HEADER = of(Place.HEADER)
INDICATOR = of(Place.INDICATOR)
#: Labels a finding may use for a field that is shown under another field's label.
_ALIASES = {"target_value": "target", "unit": "target"}


def label(name: str | None) -> str:
    """The Chinese label of a field: ``target`` → 指标值, ``budget.executed`` → 全年执行数; unknown names as is."""
    if not name:
        return ""
    found = BY_NAME.get(_ALIASES.get(name, name))
    return found.label if found else name
