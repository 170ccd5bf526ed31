"""The recognizer on 自评表 and 监控表 layouts: budget block, actuals, block points, totals, kinds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.io.text import read_text
from jixiao.model import Kind
from jixiao.model_selfeval import Likelihood
from jixiao.reading import read_grids
from jixiao.recognize.parts import parse_actual
from jixiao.recognize.selfeval import recognize_selfevals
from jixiao.scoring.reading import document_kind, read_monitoring, read_selfevals

SAMPLES = Path(__file__).parent.parent / "data" / "samples"


def test_national_template_budget_block_and_goal() -> None:
    (putuo,) = read_selfevals(SAMPLES / "003_a.tsv")
    budget = putuo.budget
    assert (budget.initial, budget.full_year, budget.executed) == (
        Decimal("250000.00"),
        Decimal("250000.00"),
        Decimal("215457.6"),
    )
    assert (budget.weight, budget.rate, budget.score) == (Decimal(10), Decimal("86.19"), Decimal("8.62"))
    assert budget.unit == "元"
    assert (budget.row, budget.column("rate")) == (7, 6)
    assert putuo.table.overall_goal is None  # 预期目标 left blank
    assert putuo.goal_actual == "已完成普陀体育中心与委托运营方费用结算。"
    assert putuo.published_total == Decimal("98.62")
    timely = putuo.results[2]
    assert (timely.name, timely.actual.text if timely.actual else None, timely.score) == ("费用结算及时性", "及时", 20)


def test_hubei_layout_blocks_and_weight_from_label() -> None:
    (huanggang,) = read_selfevals(SAMPLES / "004_a.tsv")
    assert huanggang.budget.weight == Decimal(20)  # 预算执行情况(万元)(20分)
    assert [(r.block, r.block_points) for r in huanggang.results] == [("年度绩效目标1", Decimal(40))] * 3 + [
        ("年度绩效目标2", Decimal(40))
    ] * 2
    assert all(r.weight is None for r in huanggang.results)
    assert huanggang.results[2].score == Decimal("19.6")
    assert huanggang.published_total == Decimal("99.6")


def test_sichuan_layout_units_adjusted_budget_and_template_notes() -> None:
    (qingshen,) = read_selfevals(SAMPLES / "011_a.tsv")
    assert qingshen.form_code == "510000_0013zp"
    assert (qingshen.budget.initial, qingshen.budget.adjusted, qingshen.budget.full_year) == (
        Decimal("238.93"),
        Decimal("251.89"),
        None,
    )
    assert qingshen.budget.reason is None  # the printed template note is not a reason
    assert qingshen.indicator_points == Decimal(90)
    target = qingshen.results[0].indicator.target
    assert target is not None and (target.operator, target.value, target.unit) == ("=", Decimal(100), "%")
    assert qingshen.published_total is None  # 合计 100 is the sum of the 权重
    assert qingshen.table.overall_goal is not None and qingshen.table.overall_goal.startswith("严格执行相关政策")
    assert qingshen.goal_actual is None  # an instruction, (100字以内)


def test_monitoring_layout() -> None:
    (huangshi,) = read_monitoring(SAMPLES / "038_a.tsv")
    assert (huangshi.month, huangshi.budget.initial, huangshi.budget.executed) == (6, Decimal(220), Decimal("87.57"))
    cost = huangshi.indicators[0]
    assert (cost.indicator.level1, cost.name) == ("产出指标", "成本")  # not shifted into the 一级 column
    assert cost.to_date is not None and cost.to_date.text == "按进度执行,已使用约40%"
    assert cost.likelihood is Likelihood.CERTAIN


def test_document_kinds() -> None:
    kinds = {path.name: document_kind(read_grids(path)[0]) for path in sorted(SAMPLES.glob("*.tsv"))}
    assert kinds == {
        "003_a.tsv": "selfeval",
        "004_a.tsv": "selfeval",
        "011_a.tsv": "selfeval",
        "020_a.tsv": "target",
        "029_a.tsv": "target",
        "038_a.tsv": "monitor",
    }


def test_kind_from_columns_when_the_title_says_nothing() -> None:
    text = (
        "## 表\n项目名称\t甲\n一级指标\t二级指标\t三级指标\t指标值\t1-7月实际完成值\t完成目标可能性\n"
        "产出指标\t数量指标\t人数\t≥10人\t5人\t有可能\n"
    )
    (grid,) = read_text(text)
    assert document_kind(grid) == "monitor"


def test_negative_actual_values() -> None:
    fall = parse_actual("-5%", "增长率")
    assert fall is not None and (fall.kind, fall.value, fall.unit) == (Kind.NUMBER, Decimal(-5), "%")
    assert parse_actual("-", "增长率") is None
    text = parse_actual("有效提升", "影响")
    assert text is not None and text.kind is Kind.QUALITATIVE


def test_regional_transfer_payment_layout() -> None:
    """中央对地方转移支付区域绩效自评表: 绩效指标 label column, 全年实际值, no 分值 or 得分 printed."""
    (regional,) = read_selfevals(Path(__file__).parent.parent / "data" / "selfeval" / "quyu_2023.tsv")
    assert (regional.project_name, regional.table.department) == ("农村危房改造补助资金", "某省住房和城乡建设厅")
    assert (regional.budget.full_year, regional.budget.executed, regional.budget.rate) == (
        Decimal(12000),
        Decimal(11400),
        Decimal(95),
    )
    assert regional.published is False  # the template has no 得分: nothing to audit
    houses = regional.results[0]
    assert houses.actual is not None and (houses.actual.value, houses.actual.unit) == (Decimal(2850), "户")
    assert houses.deviation is not None and houses.deviation.startswith("150户用地手续未办结")
    assert regional.goal_actual is not None and regional.goal_actual.startswith("完成危房改造2850户")

    from jixiao.scoring import score

    sheet = score(regional)
    assert [item.weight for item in sheet.indicators] == [Decimal(18)] * 5  # 90 points over five indicators
    assert [item.score for item in sheet.indicators] == [
        Decimal("17.10"),
        Decimal("18.00"),
        Decimal("18.00"),
        Decimal("10.80"),  # 基本实现 → 部分达成, 60 %
        Decimal("18.00"),
    ]
    assert (sheet.total, sheet.grade) == (Decimal("91.40"), "优")
    assert sheet.findings.flatten() == [("JX-S011", "住房安全有保障", "deviation")]


def test_total_and_grade_from_the_conclusion_text() -> None:
    text = (
        "## 项目支出绩效自评表\n项目名称\t培训\n"
        "项目资金(万元)\t全年预算数\t全年执行数\t分值\t执行率\t得分\n年度资金总额\t100\t100\t10\t100%\t10\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
        "产出指标\t数量指标\t人数\t≥100人\t80人\t90\t80\n"
        "评价结论\t项目自评得分90分，评价等级为“优”。\n"
    )
    (grid,) = read_text(text)
    (selfeval,) = recognize_selfevals(grid)
    assert (selfeval.published_total, selfeval.published_grade) == (Decimal(90), "优")

    from jixiao.scoring import score

    sheet = score(selfeval)
    assert sheet.total == Decimal("82.00")  # 10 + 90 × 80/100
    codes = sheet.findings.codes()
    assert "JX-S004" in codes  # 80 published where 72 is due
    assert "JX-S010" not in codes  # 90 is 优, as published
