"""指标库 in the web: suggestions while typing a 三级指标, the mark of an indicator taken from the library (kept
through 目标调整), JX-R010 in the web review, the system's published tables put into the library, and finance's
curation, audited."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from test_web_pages import editor_post

from jixiao.batch import expand
from jixiao.library import build_library, open_library
from jixiao.web.management.commands.verify_audit import table_problems
from jixiao.web.models import AuditAction, AuditEntry, TableRecord
from jixiao.web.services import library, workflow
from jixiao.web.services.findings import review_data
from testdata import DATA

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed_2024.txt"
CORPUS = [DATA / "corpus", DATA / "review" / "clean", DATA / "selfeval", DATA / "unseen", SEED]
SATISFACTION = "服务对象满意度指标|全部|服务对象满意度"


@pytest.fixture(scope="module")
def corpus_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("library") / "corpus.sqlite"
    build_library(expand(CORPUS), out)
    return out


@pytest.fixture
def built(corpus_library: Path, library_file: Path) -> Path:
    """This test's library: the corpus's, in the place the settings name."""
    shutil.copy(corpus_library, library_file)
    return library_file


def suggest(client: Any, query: str, level2: str = "", project: str = "2024年基层干部能力提升培训") -> Any:
    return client.get(reverse("web:library_suggest"), {"q": query, "level2": level2, "project": project})


def test_typing_a_satisfaction_name_suggests_the_satisfaction_entries_with_their_typical_target(
    built: Path, client_for: Any
) -> None:
    answer = suggest(client_for("clerk"), "群众满意度", "服务对象满意度指标")
    assert answer.status_code == 200
    body = answer.json()
    assert body["library"] is True
    first = body["suggestions"][0]
    assert (first["key"], first["group"], first["unit"], first["operator"]) == (
        SATISFACTION,
        "服务对象满意度",
        "%",
        ">=",
    )
    assert first["typical"][0]["median"] == 90 and first["typical"][0]["q1"] == 90
    assert first["placeholder"] == "≥90%"
    assert first["name"] == "受益农户满意度"  # the name most used for it
    assert {"受益农户满意度", "群众满意度"} <= {n["name"] for n in first["names"]}
    assert all(s["level2"] == "服务对象满意度指标" for s in body["suggestions"])
    # a kind of project with enough of a name gives its own figures (as JX-R010 compares): 工程建设 has four
    building = suggest(client_for("clerk"), "群众满意度", "服务对象满意度指标", "2024年农村公路建设工程").json()
    assert (building["suggestions"][0]["kind"], building["suggestions"][0]["count"]) == ("工程建设", 4)
    # the training corpus has one 参训人员满意度: the figures pooled over every kind
    training = suggest(client_for("clerk"), "参训人员满意度", "满意度").json()["suggestions"][0]
    assert (training["group"], training["kind"]) == ("参训人员满意度", "全部")
    assert suggest(client_for("clerk"), "完全无关的名称abc").json()["suggestions"] == []
    assert suggest(client_for("deptreviewer"), "满意度").status_code == 403  # suggestions are for those who fill in


def test_without_a_library_there_are_no_suggestions_and_no_jx_r010(client_for: Any, clean_data: dict[str, Any]) -> None:
    assert suggest(client_for("clerk"), "群众满意度").json() == {"query": "群众满意度", "library": False,
                                                                "suggestions": []}  # fmt: skip
    assert "JX-R010" not in review_data(low_satisfaction(clean_data)).report.codes()


def low_satisfaction(clean_data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(clean_data)
    data["indicators"][-1].update(name="受益群众满意度", target="≥70%")
    return data


def test_the_web_review_flags_a_target_far_below_the_librarys_typical_value(
    built: Path, clean_data: dict[str, Any]
) -> None:
    report = review_data(low_satisfaction(clean_data)).report
    (finding,) = [f for f in report.findings if f.code == "JX-R010"]
    assert finding.location.indicator == "受益群众满意度"
    assert "中位数 90%，四分位 90–" in finding.message
    assert "JX-R010" not in review_data(clean_data).report.codes()  # ≥90% is the typical value


def test_an_indicator_picked_from_the_library_keeps_its_mark_through_adjustment(
    draft: TableRecord, users: dict[str, Any], client_for: Any, walk: Any
) -> None:
    clerk = client_for("clerk")
    data = draft.latest.data
    count = len(data["indicators"])
    marks = ["服务对象满意度指标|全部|服务对象满意度" if i == count - 1 else "" for i in range(count)]
    marks[0] = "not a key"  # what no entry key looks like is not kept
    post = editor_post(data, revision=str(draft.latest.revision))
    post["ind-library"] = marks
    assert clerk.post(reverse("web:table_edit", args=[draft.pk]), post).status_code == 302
    rows = TableRecord.objects.get(pk=draft.pk).latest.data["indicators"]
    assert rows[-1]["library"] == SATISFACTION
    assert [i for i, row in enumerate(rows) if "library" in row] == [count - 1]
    entry = AuditEntry.objects.filter(table=draft, action=AuditAction.EDIT).get()
    assert {"field": f"indicators[{count}].library", "indicator": "企业满意率（%）", "before": None,
            "after": SATISFACTION} in entry.diff  # fmt: skip
    label = "取自指标库：服务对象满意度指标 · 服务对象满意度"
    assert label in clerk.get(reverse("web:table_detail", args=[draft.pk])).content.decode()
    editor = clerk.get(reverse("web:table_edit", args=[draft.pk])).content.decode()
    assert f'name="ind-library" value="{SATISFACTION}"' in editor
    walk(draft, "published")
    workflow.start_adjustment(draft, actor=users["unitlead"], comment="预算调减")
    adjusted = TableRecord.objects.get(pk=draft.pk).latest
    assert adjusted.is_adjustment
    assert adjusted.data["indicators"][-1]["library"] == SATISFACTION
    # the unit saves its adjustment through the editor: the mark goes with the row
    post = editor_post(adjusted.data, revision=str(adjusted.revision))
    post["ind-library"] = [row.get("library", "") for row in adjusted.data["indicators"]]
    assert clerk.post(reverse("web:table_edit", args=[draft.pk]), post).status_code == 302
    walk(draft, "submitted")
    review = client_for("deptreviewer").get(reverse("web:table_review", args=[draft.pk])).content.decode()
    assert label in review
    public = client_for(None).get(reverse("web:public_detail", args=[draft.pk])).content.decode()
    assert "企业满意率" in public  # the published version (with its mark) stays public during the adjustment


def test_a_publication_puts_the_table_into_the_library_beside_the_corpus(
    draft: TableRecord, walk: Any, built: Path, django_capture_on_commit_callbacks: Any
) -> None:
    before = open_library(built)
    corpus = len(before.observations)
    with django_capture_on_commit_callbacks(execute=True):
        walk(draft, "published")
    after = open_library(built)
    mine = [o for o in after.observations if o.source == f"web:table/{draft.pk}"]
    assert len(mine) == len(draft.latest.data["indicators"]) == 12
    assert len(after.observations) == corpus + 12
    assert {o.name for o in mine} >= {"支持国有企业户数", "企业满意率（%）"}
    # a rebuild replaces the system's tables, never adds them twice
    assert len(library.rebuild().observations) == corpus + 12


def test_finance_marks_recommended_retires_and_merges_entries_each_audited(
    built: Path, client_for: Any, users: dict[str, Any]
) -> None:
    finance = client_for("finance")
    url = reverse("web:library_curate")
    assert finance.post(url, {"action": "recommend", "entry": SATISFACTION}).status_code == 302
    current = library.current()
    assert current is not None and current.entry(SATISFACTION).recommended
    entry = AuditEntry.objects.get(action=AuditAction.LIBRARY)
    assert (entry.table, entry.actor, entry.comment) == (None, users["finance"], f"指标库推荐：{SATISFACTION}")
    suggestion = suggest(client_for("clerk"), "群众满意度", "服务对象满意度指标").json()["suggestions"][0]
    assert suggestion["recommended"] is True
    # retire: no longer suggested, listed to restore
    visitors = "服务对象满意度指标|全部|来电群众满意度"
    finance.post(url, {"action": "retire", "entry": visitors})
    groups = {s["group"] for s in suggest(client_for("clerk"), "来电群众满意度").json()["suggestions"]}
    assert "来电群众满意度" not in groups
    page = finance.get(reverse("web:library")).content.decode()
    assert "已停用的条目" in page and "来电群众满意度" in page and "取消推荐" in page
    # merge: the names of one count for the other
    patients = "服务对象满意度指标|全部|就诊患者满意度"
    finance.post(url, {"action": "merge", "entry": patients, "into": SATISFACTION})
    current = library.current()
    assert current is not None
    merged = current.entry(SATISFACTION)
    assert "就诊患者满意度" in dict(merged.names)
    assert [e.comment for e in AuditEntry.objects.filter(action=AuditAction.LIBRARY)] == [
        f"指标库推荐：{SATISFACTION}",
        f"指标库停用：{visitors}",
        f"指标库合并：{patients} 并入 {SATISFACTION}",
    ]
    # refused: an unknown entry, a merge into itself; and no one else curates
    answer = finance.post(url, {"action": "recommend", "entry": "服务对象满意度指标|全部|没有这个"}, follow=True)
    assert "指标库中没有条目" in answer.content.decode()
    assert client_for("clerk").post(url, {"action": "recommend", "entry": SATISFACTION}).status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.LIBRARY).count() == 3
    # the trail with entries on no table still verifies
    assert table_problems() == []
    call_command("verify_audit")


def test_the_curation_page_lists_entries_per_level2_and_filters(built: Path, client_for: Any) -> None:
    page = client_for("admin").get(reverse("web:library"), {"q": "满意度"}).content.decode()
    assert '<h2 class="section-title">服务对象满意度指标 <span' in page
    assert "受益农户满意度（3）" in page and "≥" in page
    assert "培训人次" not in page  # filtered by the word


def test_the_rebuild_command_builds_from_files_and_the_systems_tables(
    draft: TableRecord, walk: Any, library_file: Path, capsys: Any
) -> None:
    walk(draft, "published")
    call_command("rebuild_library", str(DATA / "review" / "clean"))
    out = capsys.readouterr().out
    assert f"指标库 {library_file}：" in out and "本系统 1 张已公开的目标表" in out
    sources = {o.source for o in open_library(library_file).observations}
    assert f"web:table/{draft.pk}" in sources and any(s.endswith("clean/training.txt:2") for s in sources)
