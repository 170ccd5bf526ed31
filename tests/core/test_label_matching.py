"""Column labels in the forms real tables print them: qualifiers in brackets, short forms, traditional characters,
labels wrapped onto a second row, flat lists without 一级/二级, an operator column under another name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.grid import Grid
from jixiao.model import Kind, Operator, TargetTable
from jixiao.recognize import recognize
from jixiao.recognize.labels import column_period, column_role, split_label


def table_of(rows: list[list[str]]) -> TargetTable:
    [table] = recognize(Grid.from_texts(rows, source="t.txt", title="项目支出绩效目标表"))
    return table


@pytest.mark.parametrize(
    ("label", "role", "period"),
    [
        ("二级指标(长期)", "level2", "长期"),
        ("指标值（年度）", "target", "年度"),
        ("指标值(或计划水平)", "target", None),
        ("实际完成指标值(B)", "actual", None),
        ("目标值(A)", "target", None),
        ("一级", "level1", None),
        ("二级", "level2", None),
        ("三级", "name", None),
        ("年度数值", "target", "年度"),
        ("全年完成值", "actual", "年度"),
        ("一級指標", "level1", None),
        ("績效指標名稱", "name", None),
        ("*三级指标", "name", None),
        ("中期指标值", "target", "中期"),
        ("计算符号", "operator", None),
        ("项目名称", None, None),
    ],
)
def test_label_variants_name_their_field_and_period(label: str, role: str | None, period: str | None) -> None:
    assert (column_role(label), column_period(label)) == (role, period)


def test_split_label_keeps_the_qualifiers() -> None:
    assert split_label("二级指标（长期）") == ("二级指标", ("长期",))
    assert split_label("實際完成指標值(B)") == ("实际完成指标值", ("B",))


def test_traditional_labels_and_short_forms_read_a_table() -> None:
    table = table_of(
        [
            ["項目名稱", "森林防火"],
            ["一級", "二級", "三級", "指標值(或計劃水平)"],
            ["产出指标", "数量指标", "巡查次数", "≥120次"],
            ["", "质量指标", "火灾受害率", "≤0.9‰"],
        ]
    )
    assert table.project_name == "森林防火"
    assert [(i.level1, i.level2, i.name, i.target.text if i.target else None) for i in table.indicators] == [
        ("产出指标", "数量指标", "巡查次数", "≥120次"),
        ("产出指标", "质量指标", "火灾受害率", "≤0.9‰"),
    ]
    first = table.indicators[0].target
    assert first is not None and (first.operator, first.value, first.unit) == (Operator.GE, Decimal(120), "次")


def test_a_label_wrapped_onto_the_next_row_is_joined() -> None:
    table = table_of(
        [
            ["项目名称", "农田建设"],
            ["一级", "二级", "三级", "指标值"],
            ["指标", "指标", "指标", ""],
            ["产出指标", "数量指标", "道路硬化里程", "≥100公里"],
        ]
    )
    [indicator] = table.indicators
    assert (indicator.level1, indicator.name, indicator.target and indicator.target.value) == (
        "产出指标",
        "道路硬化里程",
        Decimal(100),
    )


def test_a_two_row_header_takes_the_labels_of_its_upper_row() -> None:
    table = table_of(
        [
            ["项目名称", "工会经费"],
            ["绩效指标", "", "", "指标分值", "指标值"],
            ["一级指标", "二级指标", "三级指标", "", ""],
            ["产出指标", "数量指标", "培训人次", "10", "≥300人次"],
        ]
    )
    [indicator] = table.indicators
    assert (indicator.name, indicator.weight, indicator.target and indicator.target.text) == (
        "培训人次",
        Decimal(10),
        "≥300人次",
    )


def test_flat_list_without_levels() -> None:
    table = table_of(
        [
            ["项目名称", "一般性项目"],
            ["指标名称", "计量单位", "指标性质", "指标值"],
            ["发放人数", "人", "≥", "80"],
            ["是否按时足额发放", "%", "≥", "95"],
            ["保障权益", "", "定性", ""],
        ]
    )
    got = [(i.level1, i.name, i.target) for i in table.indicators]
    assert [(level1, name) for level1, name, _t in got] == [
        (None, "发放人数"),
        (None, "是否按时足额发放"),
        (None, "保障权益"),
    ]
    people, rate, rights = (t for _l, _n, t in got)
    assert people is not None and (people.operator, people.value, people.unit) == (Operator.GE, Decimal(80), "人")
    assert rate is not None and (rate.operator, rate.value, rate.unit) == (Operator.GE, Decimal(95), "%")
    assert rights is not None and (rights.kind, rights.text) == (Kind.QUALITATIVE, "定性")


def test_an_operator_column_named_calculation_symbol_keeps_the_operator() -> None:
    table = table_of(
        [
            ["部门名称", "林业局"],
            ["一级指标", "二级指标", "三级指标", "计算符号", "目标值", "度量单位"],
            ["产出指标", "质量指标", "工资发放准确性(%)", "≥", "95", "%"],
        ]
    )
    target = table.indicators[0].target
    assert target is not None and (target.text, target.operator, target.value) == ("≥95%", Operator.GE, Decimal(95))
