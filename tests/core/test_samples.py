"""Published tables of other regions and years (tests/data/samples) read through the same recognizer."""

from __future__ import annotations

from decimal import Decimal

import pytest

import jixiao
from jixiao.model import Kind, Operator
from testdata import SAMPLES


def only(name: str) -> jixiao.TargetTable:
    [table] = jixiao.read(SAMPLES / name)
    return table


def test_hunan_target_table_with_performance_standard_column() -> None:
    table = only("029_a.tsv")
    assert (table.project_name, table.department, table.year) == ("雾炮车降尘抑尘服务", "湘潭市环境卫生管理处", 2023)
    assert table.funding.total == 250
    assert table.overall_goal == "通过采购雾炮车降尘抑尘服务,服务周期2023.07-2024.01,全市空气质量达到优良"
    names = [i.name for i in table.indicators]
    assert names == [
        "雾炮车降尘抑尘服务配备车辆数", "雾炮车风炮射程", "服务周期内空气质量", "服务周期", "控制在预算成本内",
        "服务周期内,市民对空气质量改善的满意程度", "市民满意度",
    ]  # fmt: skip
    assert {i.basis for i in table.indicators} == {"计划标准"}
    assert all(i.weight is None and i.scoring_rule is None for i in table.indicators)
    reach = table.indicators[1].target
    assert reach is not None and (reach.operator, reach.value, reach.unit) == (Operator.GE, 80, "M")
    period = table.indicators[3].target
    assert period is not None and period.kind is Kind.PERIOD
    satisfaction = table.indicators[6]
    assert (satisfaction.level1, satisfaction.level2, satisfaction.level2_text) == (
        "效益指标", "服务对象满意度指标", "社会公众或服务对象满意度指标",
    )  # fmt: skip


def test_hubei_transfer_payment_table_without_weights_or_basis() -> None:
    table = only("020_a.tsv")
    assert (table.project_name, table.department, table.implementer) == (
        "农村义务教育薄弱学校改造补助资金", "青山区教育局", "化工区学校",
    )  # fmt: skip
    assert (table.year, table.funding.total, table.funding.fiscal) == (2020, 16, 16)
    assert (
        table.overall_goal == "全面改善农村义务教育薄弱学校办学条件,扩大基础教育资源,进一步提高义务教育均衡发展水平。"
    )
    assert len(table.indicators) == 9
    cost = table.indicators[5]
    assert (cost.level1, cost.level2, cost.name) == ("产出指标", "成本指标", "建设项目成本控制率")
    assert all(i.basis is None and i.weight is None and i.prior is None for i in table.indicators)
    steady = table.indicators[6]
    assert (steady.level2, steady.target) == ("可持续影响指标", jixiao.Target("稳步提高", Kind.QUALITATIVE))


def test_sichuan_columns_for_operator_and_unit_complete_the_target() -> None:
    table = only("011_a.tsv")
    first = table.indicators[0]
    assert first.name == "发放(缴纳)覆盖率"
    assert first.target is not None
    assert (first.target.operator, first.target.value, first.target.unit) == (Operator.EQ, 100, "%")
    assert first.weight == Decimal(60)
    assert dict(first.extra)["指标性质"] == "="


@pytest.mark.parametrize("name", ["003_a.tsv", "004_a.tsv", "011_a.tsv", "038_a.tsv"])
def test_self_evaluation_and_monitoring_samples_read_as_target_tables(name: str) -> None:
    tables = jixiao.read(SAMPLES / name)
    assert tables and all(table.indicators for table in tables)


def test_hubei_self_evaluation_reads_both_target_blocks() -> None:
    table = only("004_a.tsv")
    assert table.budget_unit == "黄冈市水土保持与农田水利科研所"
    assert [i.name for i in table.indicators] == [
        "监测数据必须合格", "取得2018-2022监测资料", "整编资料审核", "监测数据资料整编", "完成年度资料上报",
    ]  # fmt: skip
    assert table.indicators[1].level2 == "时效指标"  # printed 进度指标
