"""The value grammar: every written form of a target, and the round trip Target → text → Target."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.model import Kind, Operator, Target, UnitSource
from jixiao.values import format_target, parse_number, parse_target, unit_in_name

GE, GT, EQ, LE, LT, RANGE = Operator.GE, Operator.GT, Operator.EQ, Operator.LE, Operator.LT, Operator.RANGE

# text, name, operator, value, upper, unit
NUMBERS = [
    # every operator form seen
    ("≥2400人", None, GE, "2400", None, "人"),
    ("≧90%", None, GE, "90", None, "%"),
    (">=50亿元", None, GE, "50", None, "亿元"),
    ("＞=85%", None, GE, "85", None, "%"),
    ("＞＝85%", None, GE, "85", None, "%"),
    (">10个", None, GT, "10", None, "个"),
    ("＞10个", None, GT, "10", None, "个"),
    ("≤4%", None, LE, "4", None, "%"),
    ("≦114352", "项目支出（万元）", LE, "114352", None, "万元"),
    ("<=4.5%", None, LE, "4.5", None, "%"),
    ("＜=3%", None, LE, "3", None, "%"),
    ("<5天", None, LT, "5", None, "天"),
    ("＜5天", None, LT, "5", None, "天"),
    ("=100%", None, EQ, "100", None, "%"),
    ("＝100%", None, EQ, "100", None, "%"),
    ("═100%", None, EQ, "100", None, "%"),
    ("﹦100%", None, EQ, "100", None, "%"),
    ("≥ 95 %", None, GE, "95", None, "%"),
    # words
    ("不低于95%", None, GE, "95", None, "%"),
    ("不少于200人", None, GE, "200", None, "人"),
    ("不小于3个", None, GE, "3", None, "个"),
    ("95%以上", None, GE, "95", None, "%"),
    ("达到100%", None, GE, "100", None, "%"),
    ("不超过5%", None, LE, "5", None, "%"),
    ("不高于1000元", None, LE, "1000", None, "元"),
    ("不大于2次", None, LE, "2", None, "次"),
    ("5%以内", None, LE, "5", None, "%"),
    ("3%以下", None, LE, "3", None, "%"),
    # a bare value means "="
    ("10户", None, EQ, "10", None, "户"),
    ("100.00%", None, EQ, "100", None, "%"),
    ("12个月", None, EQ, "12", None, "个月"),
    ("1", "财政资金执行率（%）", EQ, "1", None, "%"),
    ("≤-5%", None, LE, "-5", None, "%"),
    # ranges
    ("90%-95%", None, RANGE, "90", "95", "%"),
    ("3～5个", None, RANGE, "3", "5", "个"),
    ("90%—95%", None, RANGE, "90", "95", "%"),
    ("3至5个", None, RANGE, "3", "5", "个"),
    ("8000-9000万元", None, RANGE, "8000", "9000", "万元"),
    # numbers: separators, decimals, Chinese numerals, 万/亿 multipliers
    ("114,352.00", None, EQ, "114352", None, None),
    ("≥1,234,567.5元", None, GE, "1234567.5", None, "元"),
    ("一百二十人", None, EQ, "120", None, "人"),
    ("两千", None, EQ, "2000", None, None),
    ("不少于三万人", None, GE, "30000", None, "人"),
    ("9.9万人", None, EQ, "99000", None, "人"),
    ("1万", None, EQ, "10000", None, None),
    (">=1万", "年度新增扶持新型农业经营主体笔（户/家）", GE, "10000", None, "户/家"),
    ("335033.29万元", None, EQ, "335033.29", None, "万元"),
    ("50亿元", None, EQ, "50", None, "亿元"),
    ("2.5万亩", None, EQ, "25000", None, "亩"),
    # units: money, ratios, counts, time, area, compound
    ("≤3千元", None, LE, "3", None, "千元"),
    ("≤5‰", None, LE, "5", None, "‰"),
    ("≥3000人次", None, GE, "3000", None, "人次"),
    ("≥2座", None, GE, "2", None, "座"),
    ("≤8小时", None, LE, "8", None, "小时"),
    ("4季度", None, EQ, "4", None, "季度"),
    ("≥500平方米", None, GE, "500", None, "平方米"),
    ("≥120亩", None, GE, "120", None, "亩"),
    ("≤4.5万元/月、人", None, LE, "4.5", None, "万元/月、人"),
    ("6765元/月、人", None, EQ, "6765", None, "元/月、人"),
    ("≤300万元/公里", None, LE, "300", None, "万元/公里"),
    ("≤3500元/平方米", None, LE, "3500", None, "元/平方米"),
    ("1次/月", None, EQ, "1", None, "次/月"),
    # unit from the name's brackets, only when the cell has none
    ("≥100000", "利润总额（万元）", GE, "100000", None, "万元"),
    ("3726.00", "解决就业（人次）", EQ, "3726", None, "人次"),
    ("≥25", "担保机构数量", GE, "25", None, None),
    ("≥50%", "新增担保（万元）", GE, "50", None, "%"),
]


@pytest.mark.parametrize(("text", "name", "operator", "value", "upper", "unit"), NUMBERS, ids=[r[0] for r in NUMBERS])
def test_number_forms(
    text: str, name: str | None, operator: Operator, value: str, upper: str | None, unit: str | None
) -> None:
    target = parse_target(text, name=name)
    assert target is not None
    assert target.kind is Kind.NUMBER
    assert target.text == text
    assert (target.operator, target.value, target.upper, target.unit) == (
        operator,
        Decimal(value),
        None if upper is None else Decimal(upper),
        unit,
    )


def test_unit_source_records_the_name() -> None:
    from_name = parse_target("≥100000", name="利润总额（万元）")
    from_cell = parse_target("≥100000万元", name="利润总额（万元）")
    assert from_name is not None and from_name.unit_source is UnitSource.NAME
    assert from_cell is not None and from_cell.unit_source is UnitSource.CELL


def test_words_like_about_mark_approximate() -> None:
    about = parse_target("约100人")
    around = parse_target("100人左右")
    assert about == Target(
        "约100人", Kind.NUMBER, EQ, Decimal(100), unit="人", unit_source=UnitSource.CELL, approximate=True
    )
    assert around is not None and around.approximate and around.value == 100


def test_tolerance() -> None:
    assert parse_target("±3%以内") == Target(
        "±3%以内", Kind.TOLERANCE, LE, Decimal(3), unit="%", unit_source=UnitSource.CELL
    )


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("15日内", "15", "日"),
        ("收到财政厅预算批复后15日内下达企业", "15", "日"),
        ("10个工作日内", "10", "工作日"),
        ("3个月内完成", "3", "个月"),
        ("三天内", "3", "天"),
    ],
)
def test_deadlines(text: str, value: str, unit: str) -> None:
    target = parse_target(text)
    assert target is not None
    assert (target.kind, target.operator, target.value, target.unit) == (Kind.DEADLINE, LE, Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "date", "operator"),
    [
        ("3月30日前", "--03-30", LE),
        ("3月30日前给企业下达预算批复", "--03-30", LE),
        ("2024年12月31日前", "2024-12-31", LE),
        ("2024年12月底前完成", "2024-12-31", LE),
        ("2024年6月30日", "2024-06-30", EQ),
        ("2024年2月底", "2024-02-29", LE),
    ],
)
def test_dates(text: str, date: str, operator: Operator) -> None:
    target = parse_target(text)
    assert target is not None
    assert (target.kind, target.date, target.operator, target.value) == (Kind.DATE, date, operator, None)


@pytest.mark.parametrize(
    "text", ["有效提升", "明显改善", "达标", "及时", "稳步提高", "优良", "100%完成", "一次性", "未发生代偿"]
)
def test_qualitative_texts_are_kept(text: str) -> None:
    assert parse_target(text) == Target(text, Kind.QUALITATIVE)


def test_period() -> None:
    assert parse_target("2023.07-2024.01") == Target("2023.07-2024.01", Kind.PERIOD)


@pytest.mark.parametrize("text", ["", "   ", "-", "/", "—"])
def test_empty_cells_are_none(text: str) -> None:
    assert parse_target(text) is None


def test_numbers_in_names_are_not_values() -> None:
    assert unit_in_name("发放1995年12月31日前退休人员生活补贴人数") is None
    assert unit_in_name("500万元以下项目占比") is None
    assert unit_in_name("利润总额（万元）") == "万元"
    assert unit_in_name("年度新增扶持新型农业经营主体笔（户/家）") == "户/家"
    assert unit_in_name("保障区属国有企业（含关闭破产企业）") is None


def test_parse_number() -> None:
    assert parse_number("114,352.00") == Decimal("114352.00")
    assert parse_number("一百二十") == 120
    assert parse_number("１２３") == 123
    with pytest.raises(Exception, match="不是数字"):
        parse_number("十分之")


# ---- round trip: any Target written as text parses back to the same Target ----------------------

UNITS = [
    "人",
    "人次",
    "户",
    "个",
    "项",
    "%",
    "‰",
    "元",
    "万元",
    "亿元",
    "日",
    "个月",
    "平方米",
    "亩",
    "元/月、人",
    None,
]
VALUES = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def numeric_targets(draw: st.DrawFn) -> Target:
    operator = draw(st.sampled_from([GE, GT, EQ, LE, LT, RANGE]))
    value = draw(VALUES)
    unit = draw(st.sampled_from(UNITS))
    upper = draw(VALUES.filter(lambda v: v > value)) if operator is RANGE else None
    source = UnitSource.CELL if unit else None
    return Target(
        "", Kind.NUMBER, operator, value, upper, unit, source, approximate=draw(st.booleans()) and operator is EQ
    )


@st.composite
def deadlines(draw: st.DrawFn) -> Target:
    days = Decimal(draw(st.integers(min_value=1, max_value=365)))
    unit = draw(st.sampled_from(["日", "天", "工作日", "个月"]))
    return Target("", Kind.DEADLINE, LE, days, unit=unit, unit_source=UnitSource.CELL)


@st.composite
def tolerances(draw: st.DrawFn) -> Target:
    unit = draw(st.sampled_from(["%", "‰", None]))
    return Target("", Kind.TOLERANCE, LE, draw(VALUES), unit=unit, unit_source=UnitSource.CELL if unit else None)


@st.composite
def dates(draw: st.DrawFn) -> Target:
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    iso = day.isoformat() if draw(st.booleans()) else day.strftime("--%m-%d")
    return Target("", Kind.DATE, draw(st.sampled_from([LE, EQ])), date=iso)


def _essence(target: Target | None) -> tuple[object, ...]:
    assert target is not None
    return (target.kind, target.operator, target.value, target.upper, target.unit, target.approximate, target.date)


@given(st.one_of(numeric_targets(), deadlines(), tolerances(), dates()))
def test_round_trip(target: Target) -> None:
    assert _essence(parse_target(format_target(target))) == _essence(target)


@given(st.text(max_size=40))
def test_any_text_parses_or_is_qualitative(text: str) -> None:
    target = parse_target(text)
    assert target is None or target.text == text.strip()


@given(
    st.text(
        alphabet=st.sampled_from(list("十百千万亿两一三日内月前年底≥<=%-~.0123456789元人个/、±约以上下")), max_size=20
    )
)
def test_number_like_text_never_raises(text: str) -> None:
    target = parse_target(text)
    assert target is None or target.text == text.strip()
