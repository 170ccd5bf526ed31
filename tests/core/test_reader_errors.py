"""Bad input gets one clear error naming the file, row and column; random text never raises anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jixiao
from jixiao.errors import InputError, JixiaoError, LayoutError
from jixiao.io.text import read_text
from jixiao.recognize import recognize

HEADER = "一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t上年完成值\t指标分值权重\t指标赋分规则\t佐证资料"
GOOD_ROW = "产出指标\t数量指标\t培训人数\t≥100人\t计划标准\t90人\t10\t按照完成比例赋分\t正式资料"


def table_text(*rows: str) -> str:
    return "\n".join(["## 项目支出绩效目标表", "项目名称\t测试项目", HEADER, *rows]) + "\n"


def write(tmp_path: Path, text: str | bytes, name: str = "t.txt") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在") as caught:
        jixiao.read(tmp_path / "nope.txt")
    assert caught.value.file == str(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件夹"):
        jixiao.read(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="空的"):
        jixiao.read(write(tmp_path, ""))


def test_blank_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="没有任何表格内容"):
        jixiao.read(write(tmp_path, "\n\n   \n"))


def test_binary_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="二进制"):
        jixiao.read(write(tmp_path, b"\x00\x01\x02\x03" * 8))


def test_truncated_image_is_an_image_whatever_its_name(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="图片"):
        jixiao.read(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_gb18030_text_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, table_text(GOOD_ROW).encode("gb18030"))
    assert jixiao.read(path)[0].indicators[0].name == "培训人数"


def test_no_indicator_header(tmp_path: Path) -> None:
    path = write(tmp_path, "## 项目支出绩效目标表\n项目名称\t测试项目\n预算单位\t某单位\n")
    with pytest.raises(LayoutError, match="找不到指标表头行") as caught:
        jixiao.read(path)
    assert (caught.value.file, caught.value.row) == (str(path), 2)


def test_cell_beyond_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, table_text(GOOD_ROW, GOOD_ROW + "\t多出来的"))
    with pytest.raises(LayoutError, match="“多出来的”对不上任何表头列") as caught:
        jixiao.read(path)
    assert (caught.value.row, caught.value.column) == (5, 10)
    assert str(caught.value).startswith(f"{path}，第5行，第10列：")


def test_weight_that_is_not_a_number(tmp_path: Path) -> None:
    row = GOOD_ROW.replace("\t10\t", "\t十分之一\t")
    with pytest.raises(LayoutError, match="指标分值权重“十分之一”不是数字") as caught:
        jixiao.read(write(tmp_path, table_text(row)))
    assert (caught.value.row, caught.value.column) == (4, 7)


def test_funding_that_is_not_a_number_is_a_reading_note(tmp_path: Path) -> None:
    text = table_text(GOOD_ROW).replace(
        "项目名称\t测试项目", "项目名称\t测试项目\n项目资金（万元）\t年度预算总额：\t一大笔"
    )
    [table] = jixiao.read(write(tmp_path, text))
    assert (table.funding.total, table.funding.total_text) == (None, "一大笔")
    [note] = table.notes
    assert (note.field, note.row, note.column, note.text) == ("funding.total", 3, 3, "一大笔")
    assert "不是一个金额" in note.message


def test_a_shifted_row_is_realigned() -> None:
    shifted = "\t" + GOOD_ROW.replace("产出指标\t", "\t").replace("培训人数", "指标2：考核人数")
    [table] = recognize(read_text(table_text(GOOD_ROW, shifted))[0])
    second = table.indicators[1]
    assert (second.level1, second.level2, second.number, second.name, second.weight) == (
        "产出指标", "数量指标", "2", "考核人数", 10,
    )  # fmt: skip


def test_empty_cells_and_full_width_symbols() -> None:
    row = "产出指标\t数量指标\t培训人数\t＞＝１００人\t\t\t\t\t"
    [table] = recognize(read_text(table_text(row))[0])
    indicator = table.indicators[0]
    assert indicator.target is not None and (indicator.target.operator, indicator.target.value) == (">=", 100)
    assert (indicator.basis, indicator.prior, indicator.weight, indicator.evidence) == (None, None, None, None)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("\t\n#<>bp/ 一级指标二三值项目名称≥10%万元人-：:")), max_size=300))
def test_random_text_raises_only_jixiao_errors(text: str) -> None:
    try:
        for grid in read_text(text, "fuzz.txt"):
            recognize(grid)
    except JixiaoError:
        pass


@settings(max_examples=100)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=12))
def test_random_rows_under_a_real_header_raise_only_jixiao_errors(cells: list[str]) -> None:
    text = table_text("\t".join(cell.replace("\n", " ") for cell in cells))
    try:
        for grid in read_text(text, "fuzz.txt"):
            recognize(grid)
    except JixiaoError as error:
        assert error.row is not None


def test_funding_in_other_money_units_converts_to_the_table_unit() -> None:
    funding_row = "项目资金（万元）\t年度预算总额：\t0.3亿元\t其中：财政拨款\t2500000元\t其他资金\t500万"
    text = table_text(GOOD_ROW).replace("项目名称\t测试项目", "项目名称\t测试项目\n" + funding_row)
    [table] = recognize(read_text(text)[0])
    funding = table.funding
    assert (funding.total, funding.fiscal, funding.other, funding.unit) == (3000, 250, 500, "万元")
    assert funding.total_text == "0.3亿元"


def test_garbage_named_like_excel_says_it_is_not_excel(tmp_path: Path) -> None:
    path = write(tmp_path, bytes(range(1, 256)) * 8, name="预算.xlsx")
    with pytest.raises(InputError, match=r"文件名是 \.xlsx，内容却不是有效的 Excel 文件"):
        jixiao.read(path)


def test_text_named_like_excel_is_read_by_its_content(tmp_path: Path) -> None:
    path = write(tmp_path, table_text(GOOD_ROW), name="导出.xlsx")
    assert jixiao.read(path)[0].indicators[0].name == "培训人数"
