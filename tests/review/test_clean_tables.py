"""Well-made tables of six kinds give no error and no warning, under every built-in profile."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao
from jixiao.review import review

from .support import tables_from_text

CLEAN = Path(__file__).resolve().parents[1] / "data" / "review" / "clean"
KINDS = {
    "construction.txt": 10,
    "subsidy.txt": 9,
    "service.txt": 8,
    "equipment.txt": 10,  # 医疗设备购置: =count, deadline, ≤ response time, reverse count under its prior
    "training.txt": 9,  # 干部培训: per-head cost in 元/人次 under a 万元 budget, anchored qualitative target
    "it_operations.txt": 10,  # 平台运维: 0次 incidents, ≤ hours, 万次, qualitative 健全 under 直接赋分
}


@pytest.mark.parametrize("profile", ["national", "xinjiang"])
@pytest.mark.parametrize("name", sorted(KINDS))
def test_clean_table_has_no_error_or_warning(name: str, profile: str) -> None:
    (table,) = jixiao.read(CLEAN / name)
    assert len(table.indicators) == KINDS[name]
    report = review(table, profile)
    assert [(f.code, f.message) for f in report.findings if f.severity.value != "info"] == []


def test_a_clean_table_turns_dirty_when_a_target_drops_below_last_year() -> None:
    text = (CLEAN / "construction.txt").read_text(encoding="utf-8").replace("≥12公里\t", "≥8公里\t")
    (table,) = tables_from_text(text)
    assert review(table).flatten() == [("JX-R001", "改造供水管网长度", "target")]


def test_a_clean_table_turns_dirty_when_last_year_broke_a_ceiling() -> None:
    text = (
        (CLEAN / "equipment.txt")
        .read_text(encoding="utf-8")
        .replace("≤1500人次\t历史标准\t1460人次", "≤1500人次\t历史标准\t1800人次")
    )
    (table,) = tables_from_text(text)
    assert review(table).flatten() == [("JX-R002", "患者转诊外院检查人次", "target")]


def test_a_none_row_is_no_indicator_and_a_none_target_is_kept() -> None:
    rows = (
        "\t社会成本指标\t无\t无\t\t\t\t\t\n"
        "\t生态环境成本指标\t指标1：施工对周边环境的负面影响\t无\t其他标准\t无\t5\t直接赋分\t工作资料\n"
    )
    text = (
        (CLEAN / "construction.txt")
        .read_text(encoding="utf-8")
        .replace("产出指标\t数量指标", rows + "产出指标\t数量指标")
    )
    (table,) = tables_from_text(text)
    assert len(table.indicators) == 11
    added = table.indicators[2]
    assert (added.level1, added.level2, added.name) == ("成本指标", "生态环境成本指标", "施工对周边环境的负面影响")
    assert added.target is not None and (added.target.text, added.target.kind.value) == ("无", "qualitative")
    assert added.prior is None
    assert review(table).flatten() == [("JX-R005", None, "weight")]  # 95 points: only the weights are off
