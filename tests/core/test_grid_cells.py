"""The grid's cells as the text reader makes them: the fast constructor gives the very cell the dataclass does."""

from __future__ import annotations

import dataclasses
import pickle

from jixiao.grid import Cell, filled
from jixiao.io.text import read_text
from jixiao.recognize.columns import Column


def test_plain_cell_is_the_dataclass_cell() -> None:
    plain = Cell.plain("≥95%", 7, 3)
    made = Cell("≥95%", 7, 3)
    assert plain == made
    assert hash(plain) == hash(made)
    assert repr(plain) == repr(made)
    assert [getattr(plain, f.name) for f in dataclasses.fields(Cell)] == ["≥95%", 7, 3, 1, 1, None, None]
    assert pickle.loads(pickle.dumps(plain)) == made
    assert dataclasses.replace(plain, colspan=2) == Cell("≥95%", 7, 3, colspan=2)


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
