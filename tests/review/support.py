"""Helpers for the review tests: tables from text in the seed layout."""

from __future__ import annotations

from jixiao.io.text import read_text
from jixiao.model import TargetTable
from jixiao.recognize import recognize

#: Header block and indicator header of a table in the seed's text layout; rule cases give only rows.
HEADER = """## 项目支出绩效目标表

项目名称\t\t城区供水管网改造工程
预算单位\t\t市水务局\t\t项目负责人\t\t王明
项目资金（万元）\t\t年度预算总额：\t1200\t其中：财政拨款\t1200\t其他资金\t-
年度总体目标\t\t完成城区供水管网改造12公里，项目当年竣工验收，改造片区供水合格率保持100%，受益居民满意度不低于90%。
一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t上年完成值\t指标分值权重\t指标赋分规则\t佐证资料
"""


def tables_from_text(text: str, source: str = "<case>") -> list[TargetTable]:
    tables: list[TargetTable] = []
    for grid in read_text(text, source):
        tables.extend(recognize(grid))
    return tables
