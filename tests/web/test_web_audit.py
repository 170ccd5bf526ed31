"""The audit log: append-only (in the ORM and in PostgreSQL itself), and readable in Chinese on the page."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from jixiao.web.models import AuditAction, AuditEntry, AuditLogIsAppendOnly, Status
from jixiao.web.services import audit, monitoring, selfeval, versions, workflow
from jixiao.web.services.tabledata import FUNDING_FIELDS, HEADER_FIELDS, INDICATOR_FIELDS, diff
from jixiao.web.templatetags.web_tags import field_label


def test_an_entry_cannot_be_saved_again(draft: Any) -> None:
    entry = AuditEntry.objects.get(table=draft)
    entry.comment = "改写历史"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()


def test_an_entry_cannot_be_deleted(draft: Any) -> None:
    entry = AuditEntry.objects.get(table=draft)
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(table=draft).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(table=draft).update(comment="改写历史")
    assert AuditEntry.objects.get(table=draft).comment == ""


@pytest.mark.postgres
def test_postgresql_refuses_raw_updates(draft: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the database trigger exists only there (.ci/run tests it)")
    refused = pytest.raises(DatabaseError, match="审计记录不可修改或删除")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE web_auditentry SET comment = 'x'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM web_auditentry")


def audit_section(html: str) -> str:
    return html.split('<section class="card audit">', 1)[1].split("</section>", 1)[0]


def test_the_trail_names_steps_states_and_fields_in_chinese(
    draft: Any, users: dict[str, Any], client_for: Any, submit: Any
) -> None:
    submit(draft, users["unitlead"])
    workflow.return_for_changes(
        draft, actor=users["deptreviewer"], version=draft.latest.number, comment="请核实金额单位"
    )
    data = copy.deepcopy(draft.latest.data)
    data["funding"]["unit"] = "元"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    trail = audit_section(client_for("clerk").get(reverse("web:table_detail", args=[draft.pk])).content.decode())
    steps = re.findall(r"<div><strong>([^<]+)</strong> · ", trail)
    assert steps == ["新建", "提交", "退回修改", "修改"]
    assert '<td>金额单位</td><td class="before">万元</td><td class="after">元</td>' in trail
    assert '<td>状态</td><td class="before">草稿</td><td class="after">已提交</td>' in trail
    assert '<td>状态</td><td class="before">已提交</td><td class="after">退回修改</td>' in trail
    assert re.search(r"draft|submitted|returned|funding|indicators\[", trail) is None


def test_every_field_a_diff_names_has_a_chinese_label(seed_data: list[dict[str, Any]]) -> None:
    before = seed_data[0]
    after = {
        "year": 2025,
        **{name: "改" for name in HEADER_FIELDS},
        "funding": {**{part: "1" for part in FUNDING_FIELDS}, "unit": "元"},
        "indicators": [{**dict.fromkeys(INDICATOR_FIELDS, "改"), "number": "9"} for _ in before["indicators"]],
    }
    changes = diff(before, after)
    assert len(changes) == 1 + len(HEADER_FIELDS) + len(FUNDING_FIELDS) + 1 + 12 * len(INDICATOR_FIELDS)
    labels = {field_label(change["field"]) for change in changes}
    assert {"年度", "项目名称", "年度预算总额", "金额单位", "第1行 指标值", "第12行 佐证资料"} <= labels
    assert [label for label in labels if re.search(r"[A-Za-z]", label)] == []


def test_an_audit_entry_is_one_of_the_workflow_steps(draft: Any, users: dict[str, Any]) -> None:
    assert AuditEntry.objects.get(table=draft).get_action_display() == "新建"
    with pytest.raises(ValueError, match="erase"):
        audit.record(draft, actor=users["clerk"], action="erase")
    assert [label for _value, label in AuditAction.choices] == [
        "新建",
        "导入",
        "修改",
        "提交",
        "退回修改",
        "审核通过",
        "公开",
        "目标调整",
        "删除草稿",
        "意见",
        "设置审核流程",
        "新建用户",
        "修改用户",
        "停用用户",
        "恢复用户",
        "重置密码",
        "指标库整理",
        "跨年度指标关联",
        "创建 API 令牌",
        "吊销 API 令牌",
        "设置评分规则",
    ]


def test_the_version_list_shows_each_versions_own_state(
    draft: Any, users: dict[str, Any], client_for: Any, submit: Any
) -> None:
    def pills() -> list[str]:
        html = client_for("clerk").get(reverse("web:table_detail", args=[draft.pk])).content.decode()
        return re.findall(r">(第 \d+ 版[^<]*)</a>", html)

    submit(draft, users["unitlead"])
    workflow.return_for_changes(draft, actor=users["deptreviewer"], version=draft.latest.number, comment="请修改")
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "12户"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    assert pills() == ["第 2 版·草稿", "第 1 版·退回修改"]
    submit(draft, users["unitlead"])
    assert pills() == ["第 2 版·已提交", "第 1 版·退回修改"]
    workflow.approve(draft, actor=users["deptreviewer"], version=2)
    workflow.approve(draft, actor=users["finance"], version=2)
    assert pills() == ["第 2 版·审核通过", "第 1 版·退回修改"]
    workflow.publish(draft, actor=users["finance"], version=2)
    workflow.start_adjustment(draft, actor=users["unitlead"], comment="预算调减")
    draft.refresh_from_db()
    numbered = {
        v.number: state for v in draft.versions.all() for pk, state in versions.states(draft).items() if pk == v.pk
    }
    assert numbered == {1: Status.RETURNED, 2: Status.PUBLISHED, 3: Status.DRAFT}
    assert pills() == ["第 3 版·调整中", "第 2 版·已公开", "第 1 版·退回修改"]


def test_two_versions_side_by_side_with_the_changed_cells_marked(
    draft: Any, users: dict[str, Any], client_for: Any, submit: Any
) -> None:
    submit(draft, users["unitlead"])
    workflow.return_for_changes(draft, actor=users["deptreviewer"], version=1, comment="请修改")
    data = copy.deepcopy(draft.latest.data)
    data["project_name"] = "国有资本经营预算项目（调整后）"
    data["indicators"][0]["target"] = "12户"
    removed = data["indicators"].pop()
    data["indicators"].append({**removed, "name": "新增指标", "target": "≥1项"})
    data["indicators"].append({**removed, "name": "再增一项", "target": "100%"})
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    detail = client_for("clerk").get(reverse("web:table_detail", args=[draft.pk])).content.decode()
    assert reverse("web:table_compare", args=[draft.pk]) in detail
    page = client_for("clerk").get(reverse("web:table_compare", args=[draft.pk]), {"a": "1", "b": "2"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "第 1 版（退回修改）与第 2 版（草稿）" in html
    changed_fields = re.findall(r'<tr class="changed"><th scope="row">([^<]+)</th>', html)
    assert changed_fields == ["项目名称"]
    changed_cells = re.findall(r'<td class="changed">([^<]*)</td>', html)
    rows = len(draft.versions.get(number=1).data["indicators"])
    assert "12户" in changed_cells and changed_cells.count("新增指标") == 1
    assert re.findall(r'<tr class="row-(added|removed|changed)"><td>(\d+)', html).count(("added", str(rows + 1))) == 1
    assert "（此版没有这一行）" in html
    assert "funding.unit" not in html and "indicators[" not in html
    assert "金额单位" in html and "指标值" in html
    # the same page with the versions the other way round, and a version that does not exist
    assert (
        client_for("clerk").get(reverse("web:table_compare", args=[draft.pk]), {"a": "2", "b": "1"}).status_code == 200
    )
    assert client_for("clerk").get(reverse("web:table_compare", args=[draft.pk]), {"a": "9"}).status_code == 404
    assert client_for("clerk").get(reverse("web:table_compare", args=[draft.pk]), {"a": "x"}).status_code == 400


def test_the_audit_trail_names_every_field_and_state_in_chinese(
    draft: Any, users: dict[str, Any], client_for: Any, walk: Any
) -> None:
    data = copy.deepcopy(draft.latest.data)
    data["project_lead"] = "王五"
    data["indicators"][0]["basis"] = "上年实际完成"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    walk(draft, "published")
    workflow.start_adjustment(draft, actor=users["unitlead"], comment="预算调减")
    html = client_for("finance").get(reverse("web:table_detail", args=[draft.pk])).content.decode()
    trail = html[html.index("审计记录") :]
    for code in ("draft", "submitted", "approved", "published", "funding.", "indicators[", "→", "stage"):
        assert code not in re.sub(r"<[^>]+>", "", trail), code
    for label in ("项目负责人", "第1行 指标值设置依据", "草稿", "已提交", "主管部门初审", "财政复审", "已公开"):
        assert label in trail, label
    assert "第 2 版·调整中" in html and "第 1 版·已公开" in html


def test_every_entry_of_a_monitoring_or_self_evaluation_report_has_a_chinese_label() -> None:
    names = [f"budget.{name}" for name in (*monitoring.BUDGET_ENTRIES, *selfeval.BUDGET_ENTRIES)]
    names += [f"indicators[2].{name}" for name in (*monitoring.INDICATOR_ENTRIES, *selfeval.INDICATOR_ENTRIES)]
    names += [*selfeval.TEXT_ENTRIES, "report"]
    labels = {name: field_label(name) for name in names}
    assert {name: label for name, label in labels.items() if re.search(r"[A-Za-z]", label)} == {}
    assert labels["indicators[2].to_date"] == "第2行 期间完成值"
    assert labels["budget.measures"] == "纠偏措施"
