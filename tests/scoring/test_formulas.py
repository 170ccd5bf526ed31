"""The scoring formulas on hand-made indicators: each number computed by hand from rules.md §(c)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model_selfeval import Budget, Judgement
from jixiao.profile import load_profile
from jixiao.scoring import score
from jixiao.scoring.engine import compute
from jixiao.scoring.jsonout import indicator_score_dict
from jixiao.scoring.judgement import judge_text
from jixiao.scoring.settings import scoring_settings

from .helpers import result, selfeval

NATIONAL = scoring_settings(load_profile("national"))
ANHUI = scoring_settings(load_profile("anhui"))
HUBEI = scoring_settings(load_profile("hubei"))


def points(target: str, actual: str | None, weight: int | str = 10, settings=NATIONAL, **kw: object) -> Decimal | None:
    sheet = compute(selfeval(result(target, actual, weight, **kw)), settings)  # type: ignore[arg-type]
    return sheet.indicators[0].score


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("≥4754", "4604", Decimal("9.68")),  # 濉溪: 4604/4754 × 10
        ("≥100%", "100%", Decimal("10.00")),
        ("≥20000", "23333.56", Decimal("10.00")),  # over-achievement earns no bonus
        ("=100%", "98%", Decimal("9.80")),
        ("=0", "0", Decimal("10.00")),
        ("=0", "1", Decimal("0.00")),
        ("≥30000万元", "3.2亿元", Decimal("10.00")),  # units convert: 32000万元 meets it
        ("≥30000万元", "2.4亿元", Decimal("8.00")),
        ("≥50000人", "4万人", Decimal("8.00")),
        ("90%-95%", "85%", Decimal("9.44")),  # below a range: 85/90
        ("90%-95%", "93%", Decimal("10.00")),
        ("≥100", "-5", Decimal("0.00")),
    ],
)
def test_positive_equal_and_range(target: str, actual: str, expected: Decimal) -> None:
    assert points(target, actual) == expected


def test_reverse_formulas_disagree_as_documented() -> None:
    # actual = 1.5 × target: ratio gives 2/3 of the weight, linear gives 1/2 (rules.md §(c)).
    assert points("≤100", "150", settings=NATIONAL) == Decimal("6.67")
    assert points("≤100", "150", settings=ANHUI) == Decimal("5.00")
    assert points("≤100", "200", settings=ANHUI) == Decimal("0.00")  # zero at twice the target
    assert points("≤100", "90", settings=ANHUI) == Decimal("10.00")
    assert points("≤5300", "5830", settings=NATIONAL) == Decimal("9.09")  # 濉溪 reverse: 5300/5830


def test_qualitative_tiers_and_judgement() -> None:
    assert points("及时", "及时", 20) == Decimal("20.00")  # written as its target → 达成
    assert points("有效提升", "基本完成", 20) == Decimal("12.00")  # 部分达成 → 60 % nationally
    assert points("有效提升", "基本完成", 20, settings=HUBEI) == Decimal("10.00")  # 80/50 tiers → 50 %
    assert points("有效提升", "未完成", 20) == Decimal("0.00")
    assert points("有效提升", "见附件", 20) is None  # cannot judge
    assert points("有效提升", "见附件", 20, judgement=Judgement.PARTIAL) == Decimal("12.00")


def test_direct_scoring_is_all_or_nothing() -> None:
    assert points("≥100", "99", rule="直接赋分") == Decimal("0.00")
    assert points("≥100", "100", rule="直接赋分") == Decimal("10.00")
    assert points("按时完成", "未按时", rule="直接赋分") == Decimal("0.00")


def test_not_applicable_indicator_is_dropped_and_others_rescaled() -> None:
    sheet = compute(
        selfeval(
            result("≥100", "100", 45, name="甲"),
            result("≥100", "50", 30, name="乙"),
            result("≥10", "不适用", 15, name="丙"),
        ),
        NATIONAL,
    )
    # 90 points over 75 applicable: ×1.2 → 甲 54, 乙 50 % of 36 = 18; total = 10 + 72.
    assert [i.score for i in sheet.indicators] == [Decimal("54.00"), Decimal("18.00"), None]
    assert sheet.indicators[0].rule == "正向指标，达标满分；有不适用指标，分值 45 折算为 54"
    assert sheet.indicators[2].rule == "不适用：不计分，其余指标按比例折算"
    assert [indicator_score_dict(i)["effective_weight"] for i in sheet.indicators] == [54, 36, None]
    assert sheet.total == Decimal("82.00")
    assert sheet.grade == "良"


def test_execution_rate_is_capped_and_denominator_follows_profile() -> None:
    budget = Budget(full_year=Decimal("329.77"), adjusted=Decimal("400"), executed=Decimal("338.31"))
    sheet = compute(selfeval(result("≥1", "1", 90), budget=budget), NATIONAL)
    assert sheet.budget.rate is not None and sheet.budget.rate.quantize(Decimal("0.01")) == Decimal("102.59")
    assert sheet.budget.score == Decimal("10.00")
    sichuan = compute(selfeval(result("≥1", "1", 90), budget=budget), scoring_settings(load_profile("sichuan")))
    assert sichuan.budget.denominator == Decimal("400")
    assert sichuan.budget.score == Decimal("8.46")  # 338.31/400 × 10 = 8.4578


def test_execution_weight_from_profile_when_table_prints_none() -> None:
    budget = Budget(full_year=Decimal(100), executed=Decimal("76"))
    assert compute(selfeval(result("≥1", "1", 80), budget=budget), HUBEI).budget.score == Decimal("15.20")
    assert compute(selfeval(result("≥1", "1", 90), budget=budget), NATIONAL).budget.score == Decimal("7.60")


@pytest.mark.parametrize(
    ("total", "grade"),
    [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.99", "差")],
)
def test_grade_bands_are_half_open(total: str, grade: str) -> None:
    assert NATIONAL.grade_of(Decimal(total)) == grade


def test_audit_findings_show_both_numbers() -> None:
    sheet = score(
        selfeval(
            result("≥4754", "4604", 40, published="40", name="完成户数"),
            result("≥100%", "100%", 30, published="27", name="验收合格率"),
            result("≤5300", "5830", 20, published="19", name="单位成本"),
            total="97",
        )
    )
    by_code = {f.code: f.message for f in sheet.findings.findings}
    assert by_code["JX-S002"] == "“完成户数”实际 4604 未达到指标值 ≥4754，按规则应得 38.74，公布为满分 40"
    assert by_code["JX-S003"] == "“验收合格率”实际 100% 已达到指标值 ≥100%，应得满分 30，公布 27"
    assert "应得 18.18，公布 19" in by_code["JX-S004"]
    assert by_code["JX-S009"] == "预算执行得分与各指标公布得分合计 96，公布总分 97"


def test_fraction_written_for_a_percentage() -> None:
    sheet = compute(selfeval(result("≥90%", "0.95", 10)), NATIONAL)
    assert sheet.indicators[0].score == Decimal("10.00")
    assert "0.95 按 95% 计" in sheet.indicators[0].rule
    assert points("≥90%", "0.8") == Decimal("8.89")  # 80/90
    assert points("≤5%", "0.5") == Decimal("10.00")  # under a low, reverse target 0.5 means 0.5 %
    assert points("≥20%", "0.5") == Decimal("0.25")  # a low target: 0.5 is read as 0.5 %, 0.5/20 × 10


def test_half_way_scores_round_up_on_the_exact_value() -> None:
    # 2.983/8.74 does not terminate, × 2.3 = 0.785 exactly → 0.79 (28-digit decimals gave 0.78).
    assert points("≥8.74", "2.983", "2.3") == Decimal("0.79")
    assert points("≤91.8", "396", "3.3") == Decimal("0.77")  # 91.8/396 × 3.3 = 0.765
    assert points("≤7.44", "13.9624", "7.5", settings=ANHUI) == Decimal("0.93")  # 1 − 6.5224/7.44 = 0.1233…
    # rescaled: 0.144/24 × 35 × 90/84 = 0.225 → 0.23 (乙 49, 丙 6 不适用)
    sheet = compute(
        selfeval(
            result("≥24", "0.144", 35, name="甲"),
            result("≥1", "1", 49, name="乙"),
            result("≥1", "不适用", 6, name="丙"),
        ),
        NATIONAL,
    )
    assert sheet.indicators[0].score == Decimal("0.23")
    assert sheet.indicators[1].score == Decimal("52.50")  # 49 × 90/84
    # budget: 1.003/3 × 15 = 5.015 → 5.02
    budget = Budget(full_year=Decimal(3), executed=Decimal("1.003"), weight=Decimal(15))
    assert compute(selfeval(result("≥1", "1", 85), budget=budget), NATIONAL).budget.score == Decimal("5.02")


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("不满意", Judgement.MISSED),
        ("未能按时完成", Judgement.MISSED),
        ("无明显提升", Judgement.MISSED),
        ("没有完成", Judgement.MISSED),
        ("未达标", Judgement.MISSED),
        ("延期完成", Judgement.MISSED),
        ("未全部完成", Judgement.PARTIAL),
        ("基本满意", Judgement.PARTIAL),
        ("不断提升", Judgement.MET),
        ("非常满意", Judgement.MET),
        ("按时完成，未发生安全事故", Judgement.MET),
    ],
)
def test_a_negated_word_is_not_read_as_met(actual: str, expected: Judgement) -> None:
    assert judge_text(actual, "有效提升", NATIONAL) is expected
    share = {Judgement.MET: "20.00", Judgement.PARTIAL: "12.00", Judgement.MISSED: "0.00"}[expected]
    assert points("有效提升", actual, 20) == Decimal(share)


def test_a_score_written_to_fewer_places_is_rounded_from_the_exact_value() -> None:
    # 84.45 % of 10 = 8.445: 8.45 to two places, but 8.4 to one (not 8.5, which 8.45 would give).
    budget = Budget(full_year=Decimal(100), executed=Decimal("84.45"), weight=Decimal(10), score=Decimal("8.4"))
    shortfall = result("≥100", "84.45", 10, published="8.4", name="完成数", deviation="资金晚到")
    met = result("≥1", "1", 80, published="80", name="合格率")
    sheet = score(selfeval(shortfall, met, budget=budget, total="96.8"))
    assert (sheet.budget.score, sheet.indicators[0].score) == (Decimal("8.45"), Decimal("8.45"))
    assert sheet.findings.codes() == ["JX-S014", "JX-S014"]  # no JX-S004 / JX-S007 mismatch
