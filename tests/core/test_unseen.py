"""Tables in the seed layout that the recognizer was not built from parse without changes to the code.

Each ``tests/data/unseen/NAME.txt`` has a ``NAME.expected.tsv`` beside it in the format of expected.tsv.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao
from testdata import DATA, mismatches

UNSEEN = sorted((DATA / "unseen").glob("*.txt"))


@pytest.mark.parametrize("path", UNSEEN, ids=[p.stem for p in UNSEEN])
def test_unseen_table_parses_as_expected(path: Path) -> None:
    assert mismatches(jixiao.read(path), path.with_suffix(".expected.tsv")) == []


def test_there_are_unseen_tables() -> None:
    assert len(UNSEEN) >= 2


def test_goal_paragraphs_are_kept() -> None:
    [table] = jixiao.read(DATA / "unseen" / "education_2025.txt")
    assert table.overall_goal is not None
    assert table.overall_goal.splitlines() == [
        "目标1：为全县28所农村义务教育学校约1.2万名学生提供营养膳食补助，每生每天5元。",
        "目标2：食堂食品安全事故为零，学生满意度不低于90%。",
    ]


def test_qualitative_and_date_targets_are_typed() -> None:
    education = jixiao.read(DATA / "unseen" / "education_2025.txt")[0]
    water = jixiao.read(DATA / "unseen" / "water_2025.txt")[0]
    improve = education.indicators[5].target
    finish = water.indicators[3].target
    assert improve is not None and (improve.kind, improve.text) == ("qualitative", "明显改善")
    assert finish is not None and (finish.kind, finish.date) == ("date", "2025-11-30")
