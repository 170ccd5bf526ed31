"""Template rows left unfilled are dropped with a note; 其中… rows are parts of the indicator above; printed weights
are never topped up with invented ones, and a row without a weight does not switch the weight checks off."""

from __future__ import annotations

from decimal import Decimal

from jixiao.grid import Grid
from jixiao.notes import NoteKind
from jixiao.recognize import recognize
from jixiao.recognize.selfeval import recognize_selfevals
from jixiao.scoring import score

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "分值"]


def test_placeholder_rows_are_dropped_with_a_note_naming_them() -> None:
    rows = [
        ["项目名称", "供水改造"],
        HEADER,
        ["产出指标", "数量指标", "指标1：改造管网长度", "≥12公里", "50"],
        ["", "", "指标2：", "", ""],
        ["", "质量指标", "……", "……", ""],
        ["", "时效指标", "指标1", "", ""],
        ["", "", "/", "/", "/"],
        ["效益指标", "社会效益指标", "受益户数", "≥8000户", "40"],
    ]
    [table] = recognize(Grid.from_texts(rows))
    assert [i.name for i in table.indicators] == ["改造管网长度", "受益户数"]
    [note] = table.notes
    assert note.kind is NoteKind.SKIPPED_ROW
    assert "第4行、第5行、第6行、第7行" in note.message


def test_sub_rows_are_children_of_the_indicator_above() -> None:
    rows = [
        ["项目名称", "营造林"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "实施营造林总面积(亩)", "80000"],
        ["", "", "其中:新造林面积(亩)", "30000"],
        ["", "", "其中:退化林改造面积(亩)", "50000"],
        ["", "", "道路长度(公里)", "30"],
    ]
    [table] = recognize(Grid.from_texts(rows))
    assert [(i.name, i.parent) for i in table.indicators] == [
        ("实施营造林总面积(亩)", None),
        ("其中:新造林面积(亩)", "实施营造林总面积(亩)"),
        ("其中:退化林改造面积(亩)", "实施营造林总面积(亩)"),
        ("道路长度(公里)", None),
    ]


SELFEVAL_HEAD = [
    ["项目名称", "供水改造"],
    ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "100", "100", "100", "10", "100%", "10"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
]


def _selfeval(rows: list[list[str]]):  # type: ignore[no-untyped-def]
    [selfeval] = recognize_selfevals(Grid.from_texts([*SELFEVAL_HEAD, *rows]))
    return selfeval


def test_sub_rows_get_no_invented_weight_where_printed_weights_fill_the_block() -> None:
    selfeval = _selfeval(
        [
            ["产出指标", "数量指标", "改造管网长度", "≥12公里", "12公里", "50", "50"],
            ["", "", "其中：主管网", "≥8公里", "8公里", "", ""],
            ["效益指标", "社会效益指标", "受益户数", "≥8000户", "8000户", "30", "30"],
            ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10", "10"],
            ["总分", "", "", "", "", "100", "100"],
        ]
    )
    sheet = score(selfeval)
    weights = [(item.name, item.weight, item.weight_inferred) for item in sheet.indicators]
    assert weights[1] == ("其中：主管网", None, False)
    assert sheet.total == Decimal(100)
    assert not [f for f in sheet.findings.findings if f.code in ("JX-S016", "JX-S009")]


def test_weights_of_one_hundred_and_ten_are_flagged_although_a_row_has_none() -> None:
    selfeval = _selfeval(
        [
            ["产出指标", "数量指标", "改造管网长度", "≥12公里", "12公里", "60", "60"],
            ["", "", "新建泵站", "≥2座", "2座", "", ""],
            ["效益指标", "社会效益指标", "受益户数", "≥8000户", "8000户", "40", "40"],
            ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10", "10"],
            ["总分", "", "", "", "", "100", "100"],
        ]
    )
    sheet = score(selfeval)
    [finding] = [f for f in sheet.findings.findings if f.code == "JX-S016"]
    assert "120" in finding.message
