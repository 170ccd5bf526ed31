"""Layouts beside the national one: side-by-side 中期/长期 and 年度 column groups, a block label column left of
the rows."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from jixiao.errors import LayoutError
from jixiao.grid import Grid
from jixiao.jsonout import parse_document
from jixiao.model import Operator
from jixiao.notes import NoteKind
from jixiao.recognize import recognize
from jixiao.recognize.selfeval import recognize_selfevals
from jixiao.review import review
from jixiao.scoring import score

SCHEMA = json.loads((Path(__file__).parents[2] / "src/jixiao/schemas/parse.schema.json").read_text(encoding="utf-8"))

LABELS = ("二级指标", "三级指标", "指标值")
TWO_PERIODS = [
    ["项目名称", "水源涵养林建设"],
    ["绩效指标", "中期目标", "", "", "", "年度目标", "", ""],
    ["", "一级指标", *(f"{label}(中期)" for label in LABELS), *(f"{label}(年度)" for label in LABELS)],
    ["", "产出指标", "数量指标", "营造林面积", "≥80000亩", "数量指标", "营造林面积", "≥30000亩"],
    ["", "", "质量指标", "苗木成活率", "≥85%", "质量指标", "苗木成活率", "≥90%"],
    ["", "效益指标", "生态效益指标", "森林覆盖率提高", "≥2%", "生态效益指标", "当年新增覆盖率", "≥0.5%"],
]


def test_side_by_side_periods_keep_each_target_and_use_the_annual_one() -> None:
    [table] = recognize(Grid.from_texts(TWO_PERIODS))
    area, survival, cover = table.indicators
    assert (area.name, area.target and area.target.value) == ("营造林面积", Decimal(30000))
    assert [(p.period, p.target and p.target.value, p.name) for p in area.periods] == [
        ("年度", Decimal(30000), None),
        ("中期", Decimal(80000), None),
    ]
    assert survival.target is not None and (survival.target.operator, survival.target.value) == (Operator.GE, 90)
    assert (cover.name, cover.periods[1].name) == ("当年新增覆盖率", "森林覆盖率提高")
    assert cover.periods[1].target is not None and cover.periods[1].target.value == Decimal(2)
    [note] = [n for n in table.notes if n.kind is NoteKind.PERIOD]
    assert "审核和评分用年度指标值" in note.message and "中期" in note.message
    document = parse_document([table])
    jsonschema.validate(document, SCHEMA)
    assert document["tables"][0]["indicators"][0]["periods"][1]["target"]["value"] == 80000


def test_groups_named_only_by_the_row_above() -> None:
    rows = [row[:] for row in TWO_PERIODS]
    rows[2] = ["", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
    [table] = recognize(Grid.from_texts(rows))
    assert [i.target and i.target.text for i in table.indicators] == ["≥30000亩", "≥90%", "≥0.5%"]


def test_groups_without_a_period_are_refused_naming_the_doubt() -> None:
    rows = [row[:] for row in TWO_PERIODS]
    rows[1] = ["绩效指标"]
    rows[2] = ["", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
    with pytest.raises(LayoutError, match="没有写明哪一组是年度指标"):
        recognize(Grid.from_texts(rows))


def test_review_reads_the_annual_target() -> None:
    [table] = recognize(Grid.from_texts(TWO_PERIODS))
    report = review(table)
    located = {(f.location.indicator, f.location.field) for f in report.findings}
    assert ("营造林面积", "name") not in located


def test_a_block_label_column_left_of_the_rows_gives_the_block_points() -> None:
    rows = [
        ["项目名称", "学生资助"],
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100", "100", "100", "20", "100%", "20"],
        ["", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
        ["年度绩效目标1(40分)", "产出指标", "数量指标", "资助人数", "≥500人", "500人", "20"],
        ["", "", "质量指标", "资助准确率", "100%", "100%", "20"],
        ["年度绩效目标2(40分)", "效益指标", "社会效益指标", "辍学率", "≤1%", "0.5%", "20"],
        ["", "满意度指标", "服务对象满意度指标", "学生满意度", "≥90%", "95%", "20"],
    ]
    [selfeval] = recognize_selfevals(Grid.from_texts(rows))
    assert [(r.name, r.block, r.block_points) for r in selfeval.results] == [
        ("资助人数", "年度绩效目标1", Decimal(40)),
        ("资助准确率", "年度绩效目标1", Decimal(40)),
        ("辍学率", "年度绩效目标2", Decimal(40)),
        ("学生满意度", "年度绩效目标2", Decimal(40)),
    ]
    assert not any("年度绩效目标" in text for r in selfeval.results for _l, text in r.indicator.extra)
    sheet = score(selfeval, profile="hubei")
    assert [item.weight for item in sheet.indicators] == [Decimal(20)] * 4
    assert sheet.total == Decimal(100)
