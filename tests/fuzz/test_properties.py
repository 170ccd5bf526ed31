"""Property-based fuzzing of the value grammar and the recognizer: any text is read or refused in one line."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.errors import JixiaoError
from jixiao.io.text import read_text
from jixiao.model import Target
from jixiao.recognize import recognize
from jixiao.values import parse_target

#: Words the tables are made of, so that generated rows reach the header block and the indicator block.
WORDS = ("项目名称", "预算单位", "项目资金（万元）", "年度预算总额", "财政拨款", "其他资金", "年度总体目标",
         "一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则",
         "佐证资料", "产出指标", "数量指标", "效益指标", "满意度指标", "≥", "≤", "90%", "100", "万元", "人", "-",
         "/", "无", "……", "指标1：", "计划标准", "按照完成比例赋分", "总分", "合计", "")  # fmt: skip
CELL = st.one_of(st.sampled_from(WORDS), st.text(max_size=12), st.from_regex(r"[≥≤<>=]?\d{1,6}(\.\d{1,3})?[%万元人]?"))
ROWS = st.lists(st.lists(CELL, min_size=1, max_size=10), min_size=1, max_size=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_any_target_cell_is_read_or_empty(text: str) -> None:
    target = parse_target(text)
    assert target is None or (isinstance(target, Target) and target.text == text.strip())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS)
def test_any_grid_is_recognized_or_refused_in_one_line(rows: list[list[str]]) -> None:
    text = "\n".join(
        "\t".join(cell.replace("\t", " ").replace("\n", " ").replace("\r", " ") for cell in row) for row in rows
    )
    try:
        for grid in read_text(text, "<fuzz>"):
            recognize(grid)
    except JixiaoError as error:
        assert "\n" not in str(error)
