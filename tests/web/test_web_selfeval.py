"""绩效自评 in the web: jixiao's scores of the unit's entries, overrides audited, a filled 自评表 read in."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from typer.testing import CliRunner

from jixiao.cli.app import app
from jixiao.department import DepartmentKind
from jixiao.errors import JixiaoError
from jixiao.reading import read_grids
from jixiao.scoring import read_selfevals
from jixiao.scoring.detect import detect_profile
from jixiao.web.models import (
    FinanceOffice,
    RoundFiling,
    RoundKind,
    RoundReport,
    Status,
    TableRecord,
    TableVersion,
    Unit,
)
from jixiao.web.services import deptselfeval, filing, imports, reports, rounds, selfeval, workflow
from jixiao.web.services.deptdata import stored_form
from jixiao.web.services.imports import DEPT_SELFEVAL
from jixiao.web.services.tabledata import data_from_table

DATA = Path(__file__).resolve().parents[1] / "data"
SKIPPED = {"fuzz", "hostile", "scans"}  # broken on purpose, or images


def selfeval_samples() -> list[Path]:
    """Every file under tests/data that jixiao reads as a self-evaluation: a project's, or a department's 评分表."""
    found = []
    for path in sorted(DATA.rglob("*")):
        if not path.is_file() or SKIPPED & set(path.relative_to(DATA).parts) or path.suffix in (".md", ".yaml"):
            continue
        try:
            read_selfevals(path)
        except (JixiaoError, ValueError):
            continue
        found.append(path)
    return found


SAMPLES = selfeval_samples()


def is_departmental(path: Path) -> bool:
    return DEPT_SELFEVAL in {imports.kind_of(grid) for grid in read_grids(path)}


def test_the_samples_are_found() -> None:
    names = {path.name for path in SAMPLES}
    assert {"003_a.tsv", "004_a.tsv", "011_a.tsv", "quyu_2023.tsv", "2024_自评表.tsv"} <= names
    departmental = sorted(str(path.relative_to(DATA)) for path in SAMPLES if is_departmental(path))
    assert departmental == [
        "corpus/transcribed/033_a.tsv",
        "corpus/transcribed/037_a.tsv",
        "department/033_a.tsv",
        "department/037_a.tsv",
        "department/own_selfeval_rubric.txt",
    ]
    assert len(SAMPLES) == 25


def opened(users: dict[str, Any], unit: Unit) -> Any:
    return rounds.open_round(
        unit.department.office,
        actor=users["finance"],
        kind=RoundKind.SELF_EVALUATION,
        year=2024,
        deadline=datetime.date.today() + datetime.timedelta(days=20),
        units=[unit],
    )


def approved_table(users: dict[str, Any], unit: Unit, data: dict[str, Any]) -> TableRecord:
    """A table stored as approved and published as it is (a sample's review findings do not matter here)."""
    record = workflow.create_table(unit, actor=users["clerk"], data={**data, "year": 2024})
    version = record.latest
    TableVersion.objects.filter(pk=version.pk).update(frozen=True)
    TableRecord.objects.filter(pk=record.pk).update(status=Status.PUBLISHED, stage=3, published_version=version)
    record.refresh_from_db()
    return record


def cli_score(path: Path, profile: str) -> dict[str, Any]:
    """The one table of `jixiao score --format json --profile PROFILE FILE`."""
    answer = CliRunner().invoke(app, ["score", "--format", "json", "--profile", profile, str(path)])
    assert answer.exit_code in (0, 1), answer.output  # 1: findings to report
    (table,) = json.loads(answer.stdout)["tables"]
    return dict(table)


def decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(DATA)))
def test_web_scores_equal_jixiao_score(path: Path, users: dict[str, Any], sasac: Unit) -> None:
    """The 自评表 uploaded in a self-evaluation round: the web's scores, total and grade are those of
    `jixiao score --format json` on the same file, under the same profile."""
    if is_departmental(path):
        (read_dept,) = deptselfeval.read_file(path.name, path.read_bytes())
        profile = "national"  # what `jixiao score` takes for a 部门整体 table when none is given
        target = dataclasses.replace(read_dept, kind=DepartmentKind.TARGET, scores=(), published_total=None)
        approved_table(users, sasac, stored_form(target))
    else:
        (read,) = read_selfevals(path)
        profile = detect_profile(read.table, read.form_code)
        approved_table(users, sasac, data_from_table(read.table))
    FinanceOffice.objects.update(profile=profile)
    opened(users, sasac)
    filed = filing.receive(sasac, actor=users["clerk"], name=path.name, content=path.read_bytes())
    assert isinstance(filed, RoundFiling) and filed.report is not None
    report = RoundReport.objects.get(pk=filed.report.pk)
    cli = cli_score(path, profile)
    if is_departmental(path):
        dept = deptselfeval.evaluation(report)
        assert cli["kind"] == "dept-selfeval" and dept.rows
        assert [row.name for row in dept.rows] == [i["name"] for i in cli["indicators"]]
        assert [row.line.weight for row in dept.rows] == [decimal(i["weight"]) for i in cli["indicators"]]
        assert [row.line.score for row in dept.rows] == [decimal(i["score"]) for i in cli["indicators"]]
        assert (dept.total, dept.grade) == (decimal(cli["total"]), cli["grade"])
        assert [f.code for f in dept.findings] == [f["code"] for f in cli["findings"]]
        assert (report.total, report.grade) == (decimal(cli["total"]), cli["grade"] or "")
        return
    web = selfeval.evaluation(report)
    assert web.sheet.budget.score == decimal(cli["budget"]["score"])
    assert [i.score for i in web.sheet.indicators] == [decimal(i["score"]) for i in cli["indicators"]]
    assert [i.rule for i in web.sheet.indicators] == [i["rule"] for i in cli["indicators"]]
    assert (web.sheet.total, web.sheet.grade) == (decimal(cli["total"]), cli["grade"])


def entries(report: RoundReport, **budget: str) -> dict[str, Any]:
    data = selfeval.cleaned(report.data, report.version.data)
    data["budget"].update(budget)
    return data


@pytest.fixture
def report(users: dict[str, Any], draft: TableRecord, walk: Any, sasac: Unit) -> RoundReport:
    return selfeval.get(walk(draft, "published"), opened(users, sasac), actor=users["clerk"])


def test_scores_total_and_grade_follow_the_entries(users: dict[str, Any], report: RoundReport) -> None:
    assert report.data["budget"]["full_year"] == "114352"  # the table's 年度资金总额
    data = entries(report, executed="102916.8")  # 90 %
    for row, actual in zip(
        data["indicators"],
        ["10户", "10个", "45%", "1", "及时", "114352", "100000", "105%", "2400", "46000", "100%", "95%"],
        strict=True,
    ):
        row["actual"] = actual
    result = selfeval.save(report, actor=users["clerk"], data=data, revision=report.revision)
    assert result.sheet.budget.score == Decimal("9")  # 90 % of 10
    scores = [row.scored.score for row in result.rows]
    assert scores[0] == Decimal("8") and scores[-1] == Decimal("9.5")  # 95 % of a 100 % target, weight 10
    assert result.rows[-1].scored.rule == "正向指标，按完成比例 95.00%"
    assert result.total == sum(s for s in scores if s is not None) + Decimal("9")
    assert result.grade == "优"
    report.refresh_from_db()
    assert (report.total, report.grade, report.override_count) == (result.total, "优", 0)


def test_an_override_needs_a_reason_and_is_audited(users: dict[str, Any], report: RoundReport) -> None:
    data = entries(report, executed="114352")
    for row in data["indicators"]:
        row["actual"] = "100%" if "%" in row["name"] else "2400"
    data["indicators"][0].update(actual="5户", score="8")  # 5 of 10 户 earns 4 of 8; the unit writes 8
    result = selfeval.save(report, actor=users["clerk"], data=data, revision=report.revision)
    row = result.rows[0]
    assert (row.scored.score, row.override, row.final) == (Decimal("4"), Decimal("8"), Decimal("8"))
    assert {f.code for f in row.findings} & {"JX-S002", "JX-S004"}
    assert result.blocking[0].startswith("指标“支持国有企业户数”的得分改为 8")
    report.refresh_from_db()
    assert report.override_count == 1
    with pytest.raises(workflow.WorkflowError, match="改分理由"):
        selfeval.submit(report, actor=users["unitlead"], revision=report.revision)
    data["indicators"][0]["reason"] = "另有 5 户在年末完成审批，已有批文"
    selfeval.save(report, actor=users["clerk"], data=data, revision=report.revision)
    report.refresh_from_db()
    selfeval.submit(report, actor=users["unitlead"], revision=report.revision)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and "review" in reports.actions(report, users["deptreviewer"])


def test_qualitative_indicators_offer_the_tiers(
    users: dict[str, Any], sasac: Unit, seed_data: list[dict[str, Any]], walk: Any
) -> None:
    record = walk(workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[3])), "published")
    report = selfeval.get(record, opened(users, sasac), actor=users["clerk"])
    result = selfeval.evaluation(report)
    qualitative = [row for row in result.rows if row.qualitative]
    assert [row.name for row in qualitative] == ["提升公司社会影响力"]
    assert result.tiers[1] == ("部分达成", "得分比例 60%–80%，默认 60%")
    data = selfeval.cleaned(report.data, report.version.data)
    index = qualitative[0].index
    data["indicators"][index]["judgement"] = "部分达成"  # a 直接赋分 indicator: full points or none
    chosen = selfeval.save(report, actor=users["clerk"], data=data, revision=report.revision).rows[index]
    assert (chosen.scored.score, chosen.scored.rule) == (Decimal("0.00"), "直接赋分，部分达成（单位判定）")
    data["indicators"][index]["judgement"] = "达成"
    assert selfeval.evaluation(report, data).rows[index].scored.score == Decimal("5.00")


def test_a_deadline_the_actual_does_not_tell_offers_the_tiers(
    users: dict[str, Any], report: RoundReport, client_for: Any
) -> None:
    """“收到财政厅预算批复后15日内下达企业” with the actual “延迟20日下达”: jixiao asks for the 达成情况, and the form
    offers it."""
    data = selfeval.cleaned(report.data, report.version.data)
    data["indicators"][4]["actual"] = "延迟20日下达"
    row = selfeval.evaluation(report, data).rows[4]
    assert (row.name, row.qualitative, row.scored.score) == ("按时下达预算批复", True, None)
    assert row.scored.rule == "无法从“延迟20日下达”判断是否达成，请给出达成情况"
    data["indicators"][4]["judgement"] = "未达成"
    judged = selfeval.evaluation(report, data).rows[4].scored
    assert (judged.score, judged.rule) == (Decimal("0.00"), "直接赋分，未达成（单位判定）")
    page = client_for("clerk").get(reverse("web:report_edit", args=[report.pk])).content.decode()
    assert '<select name="ind-4-judgement"' in page
    assert '<select name="ind-0-judgement"' not in page  # 10户: a number, jixiao compares it


def test_a_selfeval_file_goes_to_its_report(users: dict[str, Any], sasac: Unit, client_for: Any) -> None:
    path = DATA / "samples" / "003_a.tsv"
    (read,) = read_selfevals(path)
    opened(users, sasac)
    unmatched = filing.receive(sasac, actor=users["clerk"], name=path.name, content=path.read_bytes())
    assert isinstance(unmatched, RoundFiling) and unmatched.report is None  # no approved table of that project yet
    record = approved_table(users, sasac, data_from_table(read.table))
    with (DATA / "samples" / "003_a.tsv").open("rb") as file:
        response = client_for("clerk").post(reverse("web:import"), {"unit": sasac.pk, "file": file})
    report = RoundReport.objects.get(record=record)
    assert response.status_code == 302 and response["Location"] == reverse("web:report_edit", args=[report.pk])
    assert report.source_file is not None and report.source_file.name == "003_a.tsv"
    assert report.total == Decimal("98.62") and report.grade == "优"
    assert report.data["indicators"][0]["score"] == "10"  # the published score, kept as the unit's


def test_the_office_chooses_its_profile_and_the_scores_follow(users: dict[str, Any], report: RoundReport) -> None:
    out = io.StringIO()
    call_command("set_profile", "hubei", stdout=out)
    assert out.getvalue().strip() == "新疆维吾尔自治区财政厅的评分规则：湖北（重新计分 1 份草稿）"
    with pytest.raises(CommandError, match="没有评分规则“shanghai”"):
        call_command("set_profile", "shanghai")
    report = RoundReport.objects.get(pk=report.pk)
    data = selfeval.cleaned(report.data, report.version.data)
    data["budget"]["executed"] = "114352"
    hubei = selfeval.evaluation(report, data)
    assert hubei.budget.weight == Decimal("20")  # Hubei weighs budget execution 20, the national rules 10
    FinanceOffice.objects.update(profile="national")
    assert selfeval.evaluation(RoundReport.objects.get(pk=report.pk), data).budget.weight == Decimal("10")


def test_a_selfeval_file_with_other_indicators_says_which(users: dict[str, Any], sasac: Unit) -> None:
    """A 自评表 whose indicators are not all the table's: the ones that fit are read, the others told."""
    path = DATA / "selfeval" / "quyu_2023.tsv"
    (read,) = read_selfevals(path)
    data = data_from_table(read.table)
    first, second = data["indicators"][0]["name"], data["indicators"][1]["name"]
    data["indicators"][0]["name"] = "改造后入住率"  # the table's indicator the file does not have
    data["indicators"] = data["indicators"][:-1]  # one fewer: not matched by position
    approved_table(users, sasac, data)
    opened(users, sasac)
    notes: list[str] = []
    filed = filing.receive(sasac, actor=users["clerk"], name=path.name, content=path.read_bytes(), notes=notes)
    assert isinstance(filed, RoundFiling) and filed.report is not None
    dropped = read.results[-1].name
    assert notes == [
        f"“{read.project_name}”：目标表的指标“改造后入住率”在文件中没有找到，未填写",
        f"“{read.project_name}”：文件中的指标“{first}”不在目标表中，未读入",
        f"“{read.project_name}”：文件中的指标“{dropped}”不在目标表中，未读入",
    ]
    report = RoundReport.objects.get(pk=filed.report.pk)
    assert report.data["indicators"][0]["actual"] == ""  # never the other indicator's value
    assert report.data["indicators"][1]["actual"] == read.results[1].actual.text  # type: ignore[union-attr]
    assert report.data["indicators"][1]["name"] == second
