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
