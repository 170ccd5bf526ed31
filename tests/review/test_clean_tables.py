"""Well-made tables of three kinds give no error and no warning, under every built-in profile."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao
from jixiao.review import review

from .support import tables_from_text

CLEAN = Path(__file__).resolve().parents[1] / "data" / "review" / "clean"
KINDS = {"construction.txt": 10, "subsidy.txt": 9, "service.txt": 8}


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
