"""A placement is accepted only when what sits under each column fits it; else a note or a refusal naming why."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.errors import LayoutError
from jixiao.grid import Grid
from jixiao.model import Operator
from jixiao.notes import NoteKind
from jixiao.recognize import recognize
from jixiao.recognize.selfeval import recognize_selfevals
from jixiao.scoring import score


def test_target_values_in_the_level1_column_are_refused() -> None:
    rows = [
        ["项目名称", "X"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["≥95%", "数量指标", "受益人数", "≥100人"],
    ]
    with pytest.raises(LayoutError, match="一级指标列里是“≥95%”"):
        recognize(Grid.from_texts(rows))


def test_names_that_are_values_with_empty_targets_are_refused() -> None:
    rows = [
        ["项目名称", "X"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "≥100人", ""],
        ["", "质量指标", "100%", ""],
    ]
    with pytest.raises(LayoutError, match="三级指标列里多是数值"):
        recognize(Grid.from_texts(rows))


def test_one_name_that_is_a_value_is_a_note() -> None:
    rows = [
        ["项目名称", "X"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "受益人数", "≥100人"],
        ["", "质量指标", "验收合格率", "100%"],
        ["", "时效指标", "95%", ""],
    ]
    [table] = recognize(Grid.from_texts(rows))
    [note] = table.notes
    assert (note.kind, note.row, note.text) == (NoteKind.IMPLAUSIBLE, 5, "95%")


def test_an_unlabelled_column_of_operators_is_read_as_the_operator() -> None:
    rows = [
        ["项目名称", "X"],
        ["一级指标", "二级指标", "三级指标", "方向", "指标值", "计量单位"],
        ["产出指标", "数量指标", "受益人数", "≥", "100", "人"],
        ["", "质量指标", "返工率", "≤", "2", "%"],
    ]
    [table] = recognize(Grid.from_texts(rows))
    targets = [(i.target.operator, i.target.value) for i in table.indicators if i.target]
    assert targets == [(Operator.GE, Decimal(100)), (Operator.LE, Decimal(2))]
    [note] = table.notes
    assert note.kind is NoteKind.FALLBACK and "第4列“方向”" in note.message and "指标性质" in note.message


def test_weights_that_do_not_fill_their_printed_block_are_noted() -> None:
    rows = [
        ["项目名称", "X"],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标(50分)", "数量指标", "受益人数", "≥100人", "20"],
        ["", "质量指标", "验收合格率", "100%", "20"],
    ]
    [table] = recognize(Grid.from_texts(rows))
    [note] = table.notes
    assert note.kind is NoteKind.IMPLAUSIBLE and "合计 40" in note.message and "50 分" in note.message


def test_a_selfeval_without_an_actual_column_says_so_once() -> None:
    rows = [
        ["项目名称", "X"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "完成情况说明", "分值", "得分"],
        ["产出指标", "数量指标", "受益人数", "≥100人", "100人", "50", "50"],
        ["", "质量指标", "验收合格率", "100%", "100%", "40", "40"],
    ]
    [selfeval] = recognize_selfevals(Grid.from_texts(rows))
    [note] = [n for n in selfeval.table.notes if n.field == "actual"]
    assert "找不到“实际完成值”列" in note.message and "“完成情况说明”（第5列）" in note.message
    findings = [f for f in score(selfeval).findings.findings if f.code == "JX-S012"]
    assert [(f.location.indicator, f.location.field) for f in findings] == [(None, "actual")]


def test_parse_explain_shows_how_each_column_was_placed(tmp_path: Path) -> None:
    file = tmp_path / "t.txt"
    rows = [
        ["項目名稱", "X"],
        ["一級指標", "二级指标(长期)", "三级", "目标值(A)"],
        ["产出指标", "数量指标", "人数", "≥1人"],
    ]
    file.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(file), "--explain"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "第1列 “一級指標” → 一级指标：繁体字折为简体，读作“一级指标”" in result.output
    assert "第2列 “二级指标(长期)” → 二级指标：去掉括号里的“长期”，读作“二级指标”" in result.output
    assert "第4列 “目标值(A)” → 指标值" in result.output


def test_rows_run_together_into_the_header_row_are_refused() -> None:
    header = ["指标", "指标权重", "计量单位", "指标性质", "指标值"]
    rows = [["项目名称", "X"], [*header, "发放人数", "20", "人", "≥", "80"]]
    with pytest.raises(LayoutError, match="指标表头行里混有数据（“20”"):
        recognize(Grid.from_texts(rows))


def test_a_header_with_no_rows_under_it_is_a_note() -> None:
    [table] = recognize(Grid.from_texts([["项目名称", "X"], ["一级指标", "二级指标", "三级指标", "指标值"]]))
    assert table.indicators == ()
    [note] = table.notes
    assert (note.kind, note.message) == (NoteKind.SKIPPED_ROW, "指标表头下面没有任何指标行")


def test_a_column_headed_by_points_beside_actuals_is_read_as_the_score() -> None:
    rows = [
        ["项目名称", "食品监管"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50"],
        ["产出指标", "质量指标", "培训", "已完成", "已完成", "5"],
        ["", "", "查办率", "100%", "100%", "4"],
    ]
    [selfeval] = recognize_selfevals(Grid.from_texts(rows))
    assert [(r.name, r.actual and r.actual.text, r.score) for r in selfeval.results] == [
        ("培训", "已完成", Decimal(5)),
        ("查办率", "100%", Decimal(4)),
    ]
    [note] = [n for n in selfeval.table.notes if n.kind is NoteKind.FALLBACK]
    assert note.field == "score" and "第6列“50”" in note.message


def test_a_points_column_after_each_level_is_not_the_indicator_weight() -> None:
    rows = [
        ["项目名称", "服务贸易"],
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"],
        ["项目决策", "20", "决策过程", "8", "决策依据", "3", "3"],
        ["", "", "", "", "决策程序", "5", "5"],
    ]
    [table] = recognize(Grid.from_texts(rows))
    assert [(i.name, i.weight) for i in table.indicators] == [("决策依据", Decimal(3)), ("决策程序", Decimal(5))]
    assert ("二级指标分值", "8") in table.indicators[0].extra
