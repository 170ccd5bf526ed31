"""Workbooks laid out unlike jixiao's own, built with openpyxl for the reader tests."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

#: A 2023 county table: title row, no 项目负责人, columns in another order, 指标性质 and 计量单位 columns,
#: a bare number under 指标值, notes under the table.
OTHER_LAYOUT_ROWS: list[list[object]] = [
    ["2023年度项目支出绩效目标申报表"],
    ["单位：万元"],
    ["项目名称", "乡村道路养护", None, "主管部门", "县交通运输局"],
    ["预算单位", "县公路事务中心", None, "实施单位", "县公路事务中心"],
    ["项目资金", "年度资金总额", 320, "其中：财政拨款", 300, "其他资金", 20],
    ["年度总体目标", "完成全县农村公路日常养护120公里，路况优良率不低于80%。"],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "分值", "指标值设置依据", "备注说明"],
    ["产出指标", "数量指标", "养护里程", "≥", 120, "公里", 20, "计划标准", "含村道"],
    [None, "质量指标", "路况优良率", "≥", 80, "%", 20, "行业标准", None],
    [None, "时效指标", "养护完成时间", "≤", 12, "月", 10, "计划标准", None],
    ["成本指标", "经济成本指标", "每公里养护成本", "≤", 2.5, "万元", 10, "预算支出标准", None],
    ["效益指标", "社会效益指标", "群众出行条件", None, "有效改善", None, 20, "其他标准", None],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", 90, "%", 10, "其他标准", None],
    [],
    ["注：1. 指标性质填 ≥、≤ 或 =；2. 计量单位与指标值分列填写。"],
    ["填报人：张三", None, "联系电话：0000-0000000"],
]


def write_other_layout(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "绩效目标"
    for row in OTHER_LAYOUT_ROWS:
        sheet.append(row)
    sheet.merge_cells("A1:I1")
    sheet.merge_cells("A8:A10")  # 产出指标 over its three rows
    sheet.merge_cells("B6:I6")
    sheet.merge_cells("A15:I15")
    workbook.save(path)
    return path
