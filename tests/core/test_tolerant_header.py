"""A header field that does not read becomes a reading note on the table; the indicators are still read."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.grid import Grid
from jixiao.notes import NoteKind
from jixiao.recognize import recognize

INDICATORS = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "培训人数", "≥300人"]]


def test_a_funding_cell_with_several_amounts_reads_its_pairs() -> None:
    rows = [["项目名称", "就业培训"], ["项目资金", "资金总额:250 一、预算资金:250 二、其他资金:0"], *INDICATORS]
    [table] = recognize(Grid.from_texts(rows))
    assert table.funding.total == Decimal(250)
    assert ("一、预算资金", "250") in table.extra
    assert table.indicators[0].target is not None and table.indicators[0].target.value == Decimal(300)


def test_an_amount_that_is_no_amount_is_a_note_not_a_refusal() -> None:
    rows = [["项目名称", "农田建设"], ["年度资金总额", "854万(农田400万元,示范295万元)"], *INDICATORS]
    [table] = recognize(Grid.from_texts(rows))
    assert table.funding.total is None
    assert table.funding.total_text == "854万(农田400万元,示范295万元)"
    [note] = table.notes
    assert (note.kind, note.field, note.row, note.column) == (NoteKind.UNREAD_FIELD, "funding.total", 2, 2)
    assert [i.name for i in table.indicators] == ["培训人数"]


def test_a_label_with_an_empty_value_cell_does_not_take_the_next_label() -> None:
    rows = [["项目名称", "X"], ["预算单位", "", "联系人:", "张三"], ["项目负责人及电话", "彭兵"], *INDICATORS]
    [table] = recognize(Grid.from_texts(rows))
    assert table.budget_unit is None
    assert table.project_lead == "彭兵"
    assert ("联系人:", "张三") in table.extra


def test_parse_prints_the_note_and_json_keeps_it(tmp_path: Path) -> None:
    file = tmp_path / "t.txt"
    rows = [["项目名称", "农田建设"], ["年度资金总额", "854万(农田400万元)"], *INDICATORS]
    file.write_text("\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(app, ["parse", str(file)])
    assert text.exit_code == 0, text.output
    assert "读取说明" in text.output and "854万(农田400万元)" in text.output
    as_json = runner.invoke(app, ["parse", str(file), "--format", "json"])
    [note] = json.loads(as_json.output)["tables"][0]["notes"]
    assert (note["kind"], note["field"], note["row"]) == ("unread_field", "funding.total", 2)
