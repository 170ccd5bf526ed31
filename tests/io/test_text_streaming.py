"""A text file's tables are recognized as its lines are read, with the same tables and the same refusals as when
the whole file was read first."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao
from jixiao.errors import InputError, LayoutError
from jixiao.io import segment
from jixiao.io.text import read_text, text_grids
from jixiao.reading import read_grids, tables_in

HEADER = "一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t上年完成值\t指标分值权重\t指标赋分规则\t佐证资料"


def table(name: str, *rows: str) -> str:
    return "\n".join(["## 项目支出绩效目标表", f"项目名称\t{name}", HEADER, *rows])


ROW = "产出指标\t数量指标\t培训人数\t≥100人\t计划标准\t90人\t10\t按照完成比例赋分\t正式资料"


def good(name: str) -> str:
    return table(name, ROW)


#: A target table with a cell right of every header column: refused, naming the cell.
BROKEN = table("错列项目", ROW + "\t\t多出一格")


def test_streamed_grids_are_the_grids_read_at_once() -> None:
    text = "\n".join([good("甲"), good("乙"), good("丙")])
    streamed = list(text_grids(text, "t.txt"))
    assert streamed == read_text(text, "t.txt")
    assert [grid.rows[0][1].text for grid in streamed] == ["甲", "乙", "丙"]
    assert [grid.title_row for grid in streamed] == [1, 5, 9]


def test_a_grid_is_given_before_the_rest_of_the_text_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "MAX_CELLS", 30)  # each table has 20 non-empty cells
    grids = text_grids("\n".join([good("甲"), good("乙"), good("丙")]), "t.txt")
    first = next(grids)
    assert first.rows[0][1].text == "甲"
    with pytest.raises(InputError, match="表格内容过多"):
        list(grids)


def test_read_gives_the_tables_of_the_grids_read_at_once(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("\n".join([good("甲"), good("乙")]), encoding="utf-8")
    tables = jixiao.read(path)
    assert tables == tables_in(read_grids(path))
    assert [(t.project_name, t.indicators[0].name, t.source_row) for t in tables] == [
        ("甲", "培训人数", 1),
        ("乙", "培训人数", 5),
    ]


def test_a_broken_table_is_refused_for_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("\n".join([good("甲"), BROKEN, good("丙")]), encoding="utf-8")
    with pytest.raises(LayoutError, match="多出一格") as caught:
        jixiao.read(path)
    assert caught.value.row == 8


def test_a_file_over_its_cells_is_refused_for_them_before_a_broken_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As when every table was read before any was recognized: the file's refusal comes before a table's."""
    monkeypatch.setattr(segment, "MAX_CELLS", 70)  # 21 cells in the broken table, 20 in each other: over at 丁
    path = tmp_path / "t.txt"
    path.write_text("\n".join([BROKEN, good("乙"), good("丙"), good("丁")]), encoding="utf-8")
    with pytest.raises(InputError, match="表格内容过多") as caught:
        jixiao.read(path)
    assert caught.value.file == str(path)
