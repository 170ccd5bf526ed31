"""One project's tables over three years (tests/data/years): the diff, the links, the identities, the JX-Y rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.errors import InputError
from jixiao.years import (
    Change,
    Decisions,
    Document,
    History,
    Link,
    Ref,
    accept,
    break_link,
    check_history,
    histories,
    load_decisions,
    save_decisions,
    table_of,
)
from jixiao.years.history import documents
from jixiao.years.pairs import Comparison, compare_documents
from testdata import DATA

YEARS = DATA / "years"
T2022, T2023 = YEARS / "2022_自评表.tsv", YEARS / "2023_自评表.tsv"
TARGET_2024, SELF_2024 = YEARS / "2024_目标表.tsv", YEARS / "2024_自评表.tsv"
runner = CliRunner()


def _one(path: Path) -> Document:
    (document,) = documents(path)
    return document


def _changes(comparison: Comparison) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in comparison.lines:
        found.setdefault(line.change.value, []).append(line.name)
    return found


def test_the_year_diff_lists_exactly_the_changed_indicators() -> None:
    comparison = compare_documents(_one(T2023), _one(TARGET_2024))
    assert (comparison.earlier.name, comparison.later.name) == ("2023年", "2024年")
    assert _changes(comparison) == {
        "loosened": ["危房改造户数"],
        "unchanged": ["竣工验收合格率", "当年开工率"],
        "added": ["资金拨付及时率", "农村低收入群体住房安全保障率"],
        "tightened": ["受益群众满意度"],
        "removed": ["住房安全有保障"],
    }
    renamed = next(line for line in comparison.lines if line.change is Change.TIGHTENED)
    assert renamed.earlier is not None and renamed.earlier.name == "受益农户满意度" and renamed.score == 1.0


def test_a_target_lowered_below_last_years_actual_fires() -> None:
    comparison = compare_documents(_one(T2023), _one(TARGET_2024))
    findings = check_history(comparison.history).findings
    lowered = next(f for f in findings if f.location.indicator == "危房改造户数")
    assert (lowered.code, lowered.location.row, lowered.location.field) == ("JX-Y001", 8, "target")
    assert lowered.message == (
        "“危房改造户数”2024年的指标值“≥2800户”低于2023年自评的实际完成值“2850户”（表中的上年完成值为“2700户”），"
        "请说明理由或调整目标。"
    )
    # the table's own prior (2700户) hides it from JX-R001; only last year's 自评 shows it
    assert {(f.code, f.location.indicator) for f in findings} == {
        ("JX-Y001", "危房改造户数"),
        ("JX-Y001", "当年开工率"),  # ≥95% against 97% done in 2023
    }


def test_a_target_quietly_lowered_in_the_same_years_selfeval() -> None:
    comparison = compare_documents(_one(TARGET_2024), _one(SELF_2024))
    assert comparison.same_year
    assert _changes(comparison)["loosened"] == ["受益群众满意度"]
    (finding,) = check_history(comparison.history).findings
    assert (finding.code, finding.location.indicator, finding.location.row) == ("JX-Y003", "受益群众满意度", 19)
    assert "公布的目标表中指标值为“≥92%”，自评表中写成“≥90%”（目标被调低）" in finding.message


def _history(*paths: Path, decisions: Decisions | None = None) -> History:
    pairs = [(table_of(d).year, d) for path in paths for d in documents(path)]
    (history,) = histories(pairs, decisions)
    return history


def test_three_years_met_with_an_unchanged_target_and_stable_identities() -> None:
    history = _history(T2022, T2023, TARGET_2024, SELF_2024)
    assert [year.year for year in history.years] == [2022, 2023, 2024]
    codes = [(f.code, f.location.indicator) for f in check_history(history).findings]
    assert ("JX-Y002", "当年开工率") in codes
    assert ("JX-Y002", "竣工验收合格率") not in codes  # 100 % cannot be raised
    assert ("JX-Y003", "受益群众满意度") in codes
    satisfaction = next(lineage for lineage in history.lineages if lineage.steps[-1].indicator.name == "受益群众满意度")
    assert [(s.year.year, s.indicator.name) for s in satisfaction.steps] == [
        (2022, "受益农户满意度"), (2023, "受益农户满意度"), (2024, "受益群众满意度"),
    ]  # fmt: skip
    # an identity is made where the indicator first appears: adding later years does not change it
    earlier = _history(T2022, T2023)
    assert earlier.identity_of(2023, "受益农户满意度") == history.identity_of(2024, "受益群众满意度")


def test_links_accepted_or_broken_by_a_reviewer(tmp_path: Path) -> None:
    last, this = _one(T2023), _one(TARGET_2024)
    comparison = compare_documents(last, this)
    project = comparison.history.project
    assert {"住房安全有保障", "农村低收入群体住房安全保障率"} <= {line.name for line in comparison.lines}
    link = Link(Ref(2023, "住房安全有保障"), Ref(2024, "农村低收入群体住房安全保障率"), 0.57)
    decisions = accept(Decisions(), project, link)
    satisfaction = next(ln for ln in comparison.links if ln.later.name == "受益群众满意度")
    decisions = break_link(decisions, project, satisfaction)
    path = tmp_path / "links.json"
    save_decisions(path, decisions)
    decided = compare_documents(last, this, load_decisions(path))
    changes = _changes(decided)
    assert "农村低收入群体住房安全保障率" in changes["changed"]  # 有效保障 → 100%: no saying which is stricter
    assert changes["added"] == ["资金拨付及时率", "受益群众满意度"]
    assert changes["removed"] == ["受益农户满意度"]
    assert json.loads(path.read_text(encoding="utf-8"))["decisions"][1]["decision"] == "broken"


def test_a_links_file_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    path.write_text('{"decisions": []}', encoding="utf-8")
    with pytest.raises(InputError, match="不是指标关联文件"):
        load_decisions(path)
    path.write_text('{"format": "jixiao-links", "decisions": [{"decision": "maybe"}]}', encoding="utf-8")
    with pytest.raises(InputError, match="第1条决定应写 decision"):
        load_decisions(path)
    assert load_decisions(tmp_path / "none.json").items == []


def test_cli_diff_and_history(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(T2023), str(TARGET_2024)])
    assert result.exit_code == 1
    out = result.stdout
    assert out.startswith("== 农村危房改造补助资金：2023年 → 2024年\n")
    assert "降低（1）：\n  危房改造户数  ≥3000户 → ≥2800户\n" in out
    assert "删除（1）：\n  住房安全有保障  有效保障\n" in out
    assert "警告 JX-Y001 指标值低于上年自评实际完成值  第8行" in out
    result = runner.invoke(app, ["diff", str(T2023), str(TARGET_2024), "--format", "json"])
    (project,) = json.loads(result.stdout)["projects"]
    assert {line["name"]: line["change"] for line in project["indicators"]}["危房改造户数"] == "loosened"
    links = tmp_path / "links.json"
    result = runner.invoke(app, ["diff", str(T2023), str(TARGET_2024), "--links", str(links),
                                 "--accept", "住房安全有保障=农村低收入群体住房安全保障率"])  # fmt: skip
    assert "改动（1）：\n  农村低收入群体住房安全保障率  有效保障 → 100%（上年：住房安全有保障" in result.stdout
    assert load_decisions(links).items[0].accepted
    result = runner.invoke(app, ["diff", str(TARGET_2024), str(T2023)])
    assert result.exit_code == 2 and "请先给较早的一年" in result.stderr
    result = runner.invoke(app, ["history", str(T2022), str(T2023), str(TARGET_2024), str(SELF_2024)])
    assert result.exit_code == 1 and "提示 JX-Y002 连续三年完成且指标值未变" in result.stdout
    result = runner.invoke(app, ["history", str(DATA / "review" / "clean" / "training.txt")])
    assert result.exit_code == 2 and "没有写明年度" in result.stderr


def test_a_file_without_target_or_selfeval_is_named() -> None:
    result = runner.invoke(app, ["diff", str(T2023), str(DATA / "samples" / "038_a.tsv")])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("038_a.tsv：文件里没有目标表或自评表（监控表不参与跨年度比较）")
