"""Pasted text: real excerpts copied out of web pages read to their transcriptions' values, or refused with why."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import jixiao
from jixiao.errors import InputError, JixiaoError
from jixiao.io.pasted import Layout, layout_of
from jixiao.notes import NoteKind
from jixiao.reading import format_of, read_grids
from jixiao.scoring.reading import read_selfevals

RAW = Path(__file__).resolve().parents[1] / "data" / "corpus" / "raw"
EXPECTED: list[dict[str, Any]] = json.loads((RAW / "expected.json").read_text(encoding="utf-8"))


def _norm(text: object) -> str:
    return re.sub(r"^(指标\d+[:：]|★+)", "", re.sub(r"\s+", "", str(text or "")))


def _target(text: object) -> str:
    return re.sub(r"^[=＝]", "", _norm(text))


def pasted(name: str, tmp_path: Path) -> Path:
    """The excerpt as a user pastes it: the file without its three lines of provenance."""
    lines = (RAW / name).read_text(encoding="utf-8").splitlines()[3:]
    path = tmp_path / "pasted.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", EXPECTED, ids=[case["file"] for case in EXPECTED])
def test_raw_excerpt_reads_to_its_transcription(case: dict[str, Any], tmp_path: Path) -> None:
    path = pasted(case["raw"], tmp_path)
    if case["kind"] == "selfeval":
        selfeval = read_selfevals(path)[0]
        indicators = [result.indicator for result in selfeval.results]
    else:
        indicators = list(jixiao.read(path)[0].indicators)
    assert len(indicators) == case["indicator_count"]
    for got, want in zip(indicators, case["indicators"], strict=True):
        assert _norm(got.name) == _norm(want["name"])
        if want["target_text"]:
            assert got.target is not None
            assert _target(got.target.text) == _target(want["target_text"])
        if want["level1"]:
            assert _norm(got.level1).startswith(_norm(want["level1"])[:2])


def test_selfeval_pasted_as_pipe_cells_keeps_actuals_scores_and_budget(tmp_path: Path) -> None:
    # 015: one cell a line, each closed by "|", rows ended by "||||"
    [selfeval] = read_selfevals(pasted("015_selfeval_yunnan_baoshan_tuiyijunren_chunjieweiwen_2022.txt", tmp_path))
    assert selfeval.table.project_name == "春节走访慰问经费"
    assert selfeval.budget.full_year == Decimal("34.64")
    assert selfeval.budget.executed == Decimal("34.64")
    first = selfeval.results[0]
    assert first.indicator.level2 == "数量指标"
    assert first.actual is not None and first.actual.text == "100%"
    assert first.score == Decimal("20")
    assert [r.score for r in selfeval.results] == [Decimal(20)] * 3 + [Decimal(10)] * 2
    assert selfeval.results[3].actual is not None and selfeval.results[3].actual.text == "无上访"
    assert selfeval.published_total == Decimal("100")
    assert selfeval.published_grade == "优"


def test_pipe_rows_missing_merged_cells_are_moved_under_their_columns(tmp_path: Path) -> None:
    # 016: rows printed without the 一级/二级 cells a rowspan covered; the excerpt stops at "生态"
    [selfeval] = read_selfevals(pasted("016_selfeval_yunnan_longyang_huafeijianliang_2022.txt", tmp_path))
    results = selfeval.results
    assert results[1].indicator.name == "1、水稻侧深施肥+缓控释肥"
    assert (results[1].indicator.level1, results[1].indicator.level2) == ("产出指标", "数量指标")
    assert results[11].indicator.level2 == "质量指标"
    assert results[11].actual is not None and results[11].actual.text == "85.6%"
    assert results[13].indicator.name == "受益农户数"
    assert results[13].score == Decimal("5.0")
    assert selfeval.budget.rate_text == "10.77%" or selfeval.budget.executed == Decimal("30.00")


def test_cut_off_row_is_left_out_with_a_note(tmp_path: Path) -> None:
    # 003 stops inside "工程竣工验收合格率 | 1": the row is not read as a target of 1
    path = pasted("003_selfeval_guangdong_shenzhen_luohu_nanhu_pinggaiguan_2022.txt", tmp_path)
    [selfeval] = read_selfevals(path)
    names = [result.indicator.name for result in selfeval.results]
    assert "工程竣工验收合格率" not in names
    notes = selfeval.table.notes
    assert any(note.kind is NoteKind.SKIPPED_ROW and "中断" in note.message for note in notes)
    assert selfeval.results[1].actual is not None and selfeval.results[1].actual.text == "1806套"


def test_cut_off_row_that_fills_its_columns_is_kept_as_a_doubt(tmp_path: Path) -> None:
    # 031 stops after 权重 10 of 行政村数量: the row is read, its last cell a doubt to confirm
    [table, *_] = jixiao.read(pasted("031_target_sichuan_jingyan_mata_cunzuganbu_2023.txt", tmp_path))
    last = table.indicators[-1]
    assert last.name == "行政村数量"
    assert last.weight == Decimal("10")
    doubt = [note for note in table.notes if note.kind is NoteKind.DOUBTFUL_CELL]
    assert doubt and doubt[0].text == "10"


def test_one_cell_a_line_rows_rebuilt_from_header_width(tmp_path: Path) -> None:
    # 014: one paragraph a cell; 产出指标/质量指标 start rows, the 三级指标 column starts the rest
    [selfeval] = read_selfevals(pasted("014_selfeval_sichuan_suining_anju_shipinjianguan_2021.txt", tmp_path))
    indicators = [result.indicator for result in selfeval.results]
    assert indicators[1].name.endswith("违法案件查办率")
    assert indicators[1].target is not None and indicators[1].target.text == "100%"
    assert (indicators[6].level2, indicators[6].target.text if indicators[6].target else None) == (
        "时效指标",
        "2021年12月31日",
    )
    assert indicators[7].level1 == "效益指标"


def test_space_separated_rows_keep_names_with_spaces(tmp_path: Path) -> None:
    # 025: single spaces between cells and inside "( ≥**个 )"
    [table] = [t for t in jixiao.read(pasted("025_target_hunan_nanyue_fupin_lvyoujidi_2018.txt", tmp_path))]
    indicator = table.indicators[1]
    assert _norm(indicator.name) == "贫困地区旅游景点开发数量(≥**个)"
    assert indicator.target is not None and indicator.target.text == ">=4个"
    assert table.project_name == "2018年市级专项扶贫资金基础设施(人大代表扶贫基地)"
    assert table.funding.total == Decimal("10")


def test_space_separated_row_with_an_empty_unit_cell(tmp_path: Path) -> None:
    # 055: "出差人数 正向 = 8 4" has no 计量单位; 4 is the 分值, not a unit
    [table] = jixiao.read(pasted("055_target_neimenggu_wuhai_gongxiaoshe_zaishengziyuan_2021.txt", tmp_path))
    first, second = table.indicators[:2]
    assert first.target is not None and first.target.value == Decimal("8") and first.target.unit is None
    assert first.weight == Decimal("4")
    assert second.target is not None and second.target.unit == "人/次"
    assert sum((i.weight or Decimal(0)) for i in table.indicators) == Decimal("50")


def test_shifted_hierarchy_keeps_output_and_benefit_as_level2(tmp_path: Path) -> None:
    # 056: 一级 实施效果指标 > 二级 产出指标 / 效益指标
    [table] = jixiao.read(pasted("056_target_tianjin_baodi_chuqinfenwu_zhengxian_2022.txt", tmp_path))
    assert [(i.level1, i.level2) for i in table.indicators] == [("实施效果指标", "产出指标")] * 3 + [
        ("实施效果指标", "效益指标")
    ]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("010_selfeval_shanxi_jishan_yibao_jiandanglika_2020.txt", "找不到指标表头行"),  # cells scrambled on one line
        ("035_deptselfeval_hunan_hengshan_guantangxiang_2023.txt", "找不到指标表头行"),  # cut before its indicators
    ],
)
def test_excerpt_without_readable_indicators_is_refused_with_why(name: str, why: str, tmp_path: Path) -> None:
    with pytest.raises(JixiaoError, match=why):
        jixiao.read(pasted(name, tmp_path))


def test_layouts_found_from_the_text() -> None:
    rows = "项目名称 | 甲 | ||||\n主管部门 | 乙 | |\n一级指标 | 二级指标 | 三级指标 | 指标值 |"
    assert layout_of(rows) is Layout.PIPE_ROWS
    assert layout_of("项目名称\n|\n甲\n|\n||||\n主管部门\n|\n乙\n|\n|||") is Layout.PIPE_CELLS
    assert layout_of("项目名称\n\n甲\n\n主管部门\n\n乙\n") is Layout.LINE_CELLS
    assert layout_of("项目名称 甲\n主管部门 乙\n一级指标 二级指标 三级指标 指标值") is Layout.SPACE_ROWS
    assert layout_of("只有一行") is None


def test_text_that_is_no_table_says_what_was_looked_for(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("这只是一句话。", encoding="utf-8")
    with pytest.raises(InputError, match="“\\|”分隔单元格、一格一行，或用连续空格分隔"):
        read_grids(path)


def test_text_starting_with_a_bracket_is_json_only_when_it_parses(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("[索引号]\n115002237717572049/2023-00021\n[ 发文字号 ]\n", encoding="utf-8")
    assert format_of(path) == "text"
    path.write_text('[{"a": 1}]', encoding="utf-8")
    assert format_of(path) == "json"


def test_one_cell_a_line_with_a_lost_cell_is_refused_not_misread(tmp_path: Path) -> None:
    header = ["一级指标", "二级指标", "三级指标", "指标值", "分值"]
    # 培训天数 lost its 指标值: 20 would land under 指标值 and the next name under 分值
    cells = [*header, "产出指标", "数量指标", "培训人数", "≥100人", "10", "培训天数", "20", "合格率", "≥95%", "10"]
    text = "\n\n".join(cells)
    path = tmp_path / "lost.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="还原不出行"):
        jixiao.read(path)
