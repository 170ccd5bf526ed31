"""The grid's cells as the text reader makes them: the fast constructor gives the very cell the dataclass does."""

from __future__ import annotations

import dataclasses
import pickle

from jixiao.grid import Cell, filled
from jixiao.io.text import read_text
from jixiao.recognize.columns import Column, HeaderLayout, header_layout, place_filled, place_under


def test_plain_cell_is_the_dataclass_cell() -> None:
    plain = Cell.plain("≥95%", 7, 3)
    made = Cell("≥95%", 7, 3)
    assert plain == made
    assert hash(plain) == hash(made)
    assert repr(plain) == repr(made)
    assert [getattr(plain, f.name) for f in dataclasses.fields(Cell)] == ["≥95%", 7, 3, 1, 1, None, None]
    assert pickle.loads(pickle.dumps(plain)) == made
    assert dataclasses.replace(plain, colspan=2) == Cell("≥95%", 7, 3, colspan=2)


def test_a_cell_keeps_the_spans_and_confidence_it_is_given() -> None:
    merged = Cell("产出指标", 4, 1, rowspan=3, colspan=2, confidence=0.5)
    assert (merged.rowspan, merged.colspan, merged.confidence, merged.region) == (3, 2, 0.5, None)
    assert pickle.loads(pickle.dumps(merged)) == merged
    assert merged != Cell("产出指标", 4, 1)
    assert dataclasses.replace(merged, rowspan=1, colspan=1, confidence=None) == Cell("产出指标", 4, 1)
    assert Cell("x", 1, 1, confidence=0.0).confidence == 0.0


def test_empty_and_filled_cells() -> None:
    row = (Cell("", 1, 1), Cell(" \u3000\n", 1, 2), Cell("产出指标", 1, 3), Cell(" 数量 ", 1, 4))
    assert [cell.empty for cell in row] == [True, True, False, False]
    assert [cell.column for cell in filled(row)] == [3, 4]


def test_text_reader_cells_cleaned_and_numbered() -> None:
    (grid,) = read_text("## 表\n<b>项目名称</b>\t\u3000示例项目 \t\n一级指标\t<p>三级</p><p>指标</p>\n")
    assert grid.title == "表"
    assert [[(c.text, c.row, c.column) for c in row] for row in grid.rows] == [
        [("项目名称", 2, 1), ("示例项目", 2, 2), ("", 2, 3)],
        [("一级指标", 3, 1), ("三级\n指标", 3, 2)],
    ]


def test_column_key_follows_role_and_period() -> None:
    assert Column("target", "指标值", 4, 5).key == "target"
    assert Column("target", "中期指标值", 6, 7, period="中期").key == "target@中期"
    assert Column(None, "备注", 8, 9).key == "备注"
    moved = dataclasses.replace(Column("target", "指标值", 4, 5), period="长期")
    assert moved.key == "target@长期"
    assert moved == Column("target", "指标值", 4, 5, period="长期")


def _header(*labels: str) -> HeaderLayout:
    return header_layout(tuple(Cell(label, 1, at) for at, label in enumerate(labels, 1)))


def test_a_row_shape_is_placed_as_the_full_placement_places_it() -> None:
    layout = _header("一级指标", "二级指标", "三级指标", "指标值")
    row = (Cell("数量指标", 2, 2), Cell("户数", 2, 3), Cell("3户", 2, 4))
    assert place_under(row, layout) == place_filled(row, layout.columns, layout.positions)
    assert list(place_under(row, layout).cells) == ["level2", "name", "target"]
    assert layout.shapes[(2, 3, 4)] is not None
    # Shifted one column right: the same shape, placed as printed when it fits, moved back when it clashes.
    shifted = (Cell("产出指标", 3, 2), Cell("数量指标", 3, 3), Cell("户数", 3, 4))
    placed = place_under(shifted, layout)
    assert placed == place_filled(shifted, layout.columns, layout.positions)
    assert placed.shift == 1
    assert placed.cells["level1"].text == "产出指标"


def test_a_row_shape_beyond_the_header_takes_the_full_path() -> None:
    layout = _header("一级指标", "二级指标", "三级指标", "指标值")
    row = (Cell("户数", 2, 3), Cell("3户", 2, 4), Cell("多出", 2, 5))
    placed = place_under(row, layout)
    assert layout.shapes[(3, 4, 5)] is None
    assert placed == place_filled(row, layout.columns, layout.positions)
    assert (placed.shift, [cell.text for cell in placed.cells.values()], placed.misplaced) == (
        1,
        ["户数", "3户", "多出"],
        (),
    )
    beyond = (Cell("户数", 2, 1), Cell("3户", 2, 4), Cell("多出", 2, 5))
    assert place_under(beyond, layout).misplaced == (beyond[2],)
