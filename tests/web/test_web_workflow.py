"""The workflow services: each step checks state, changes it in one transaction and writes one audit entry."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from jixiao.review import Reviewer
from jixiao.web.models import AuditEntry, Decision, Status, TableRecord, TableVersion
from jixiao.web.models.tables import VersionIsFrozen
from jixiao.web.services import workflow
from jixiao.web.services.findings import finding_key, review_data


def one_entry(record: Any, action: str) -> AuditEntry:
    """The step wrote exactly one audit entry, the last one, with this action."""
    entries = list(record.audit_entries.all())
    assert entries[-1].action == action
    return entries[-1]


def test_create_writes_the_draft_and_one_entry(draft: Any) -> None:
    assert draft.status == Status.DRAFT
    assert draft.project_name == "国有资本经营预算项目"
    assert draft.year == 2024
    assert [v.number for v in draft.versions.all()] == [1]
    assert draft.audit_entries.count() == 1
    entry = one_entry(draft, "create")
    assert entry.actor_name == "张敏（填报）"
    assert {"field": "project_name", "before": None, "after": "国有资本经营预算项目"} in entry.diff


def test_save_draft_records_the_before_after_diff(draft: Any, users: dict[str, Any]) -> None:
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][3]["target"] = "100%"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=1, comment="执行率写成百分数")
    entry = one_entry(draft, "edit")
    assert entry.diff == [
        {"field": "indicators[4].target", "indicator": "财政资金执行率（%）", "before": "1", "after": "100%"}
    ]
    assert entry.comment == "执行率写成百分数"
    assert draft.audit_entries.count() == 2
    assert draft.latest.revision == 2 and draft.latest.number == 1


def test_submission_is_refused_while_an_error_remains(draft: Any, users: dict[str, Any], submit: Any) -> None:
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = ""
    result = workflow.save_draft(draft, actor=users["clerk"], data=data, revision=1)
    assert [(f.code, f.location.indicator, f.location.field) for f in result.errors] == [
        ("JX-C005", "支持国有企业户数", "target")
    ]
    with pytest.raises(workflow.WorkflowError, match="还有 1 个错误"):
        submit(draft, users["unitlead"])
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.error_count == 1
    assert not draft.audit_entries.filter(action="submit").exists()


def test_warnings_need_a_written_explanation_each(draft: Any, users: dict[str, Any]) -> None:
    warnings = review_data(draft.latest.data).warnings
    assert [(w.code, w.location.indicator) for w in warnings] == [
        ("JX-M003", "财政资金执行率（%）"),  # 1 where 100% is meant
        ("JX-R001", "项目完工进度（%）"),  # targets below last year's values
        ("JX-R001", "利润总额（万元）"),
        ("JX-R001", "资产保值增值率（%）"),
        ("JX-R001", "解决就业（人次）"),
        ("JX-R001", "缴纳税费（万元）"),
    ]
    keys = [finding_key(w) for w in warnings]
    explained = {key: f"说明{number}" for number, key in enumerate(keys)}
    with pytest.raises(workflow.WorkflowError, match=f"还有 1 个警告没有填写说明：{warnings[0].title}"):
        workflow.submit(
            draft, actor=users["unitlead"], version=1, revision=1, explanations={**explained, keys[0]: "  "}
        )
    workflow.submit(draft, actor=users["unitlead"], version=1, revision=1, explanations=explained)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.latest.explanations == explained
    assert draft.latest.frozen


def test_the_whole_road_to_publication(draft: Any, users: dict[str, Any], submit: Any) -> None:
    submit(draft, users["unitlead"], comment="请审核")
    with pytest.raises(workflow.WorkflowError, match="请写明审核意见"):
        workflow.return_for_changes(draft, actor=users["deptreviewer"], version=1)
    notes = [
        {"index": 0, "name": "支持国有企业户数", "comment": "户数低于上年，请说明"},
        {"index": 1, "name": "支持项目数量", "comment": ""},
    ]
    workflow.return_for_changes(draft, actor=users["deptreviewer"], version=1, indicator_comments=notes)
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED
    decision = Decision.objects.get(version__record=draft)
    assert decision.indicator_comments == [{"index": 0, "name": "支持国有企业户数", "comment": "户数低于上年，请说明"}]
    # an edit after submission makes a new draft version; the submitted one stays as it was
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "12户"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    versions = list(draft.versions.order_by("number"))
    assert [(v.number, v.frozen) for v in versions] == [(1, True), (2, False)]
    assert versions[0].data["indicators"][0]["target"] == "10户"
    assert versions[1].data["indicators"][0]["target"] == "12户"
    submit(draft, users["unitlead"])
    workflow.approve(draft, actor=users["deptreviewer"], version=2, comment="初审同意")
    workflow.approve(draft, actor=users["finance"], version=2, comment="同意")
    workflow.publish(draft, actor=users["finance"], version=2)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_version.number == 2
    actions = list(draft.audit_entries.values_list("action", flat=True))
    assert actions == ["create", "submit", "return", "edit", "submit", "approve", "approve", "publish"]


def test_adjustment_is_a_new_version_through_the_same_review(draft: Any, users: dict[str, Any], walk: Any) -> None:
    walk(draft, "published")
    with pytest.raises(workflow.WorkflowError, match="调整原因"):
        workflow.start_adjustment(draft, actor=users["unitlead"])
    version = workflow.start_adjustment(draft, actor=users["unitlead"], comment="预算调减")
    draft.refresh_from_db()
    assert (version.number, version.is_adjustment, draft.status) == (2, True, Status.DRAFT)
    assert draft.published_version.number == 1  # the public keeps seeing the approved targets
    with pytest.raises(workflow.WorkflowError, match="不在待审核状态"):
        workflow.approve(draft, actor=users["finance"], version=2)
    one_entry(draft, "adjust")


def test_a_submitted_version_cannot_be_changed(draft: Any, users: dict[str, Any], submit: Any) -> None:
    submit(draft, users["unitlead"])
    version = TableVersion.objects.get(record=draft)
    version.data = {"project_name": "改过的"}
    with pytest.raises(VersionIsFrozen):
        version.save()
    with pytest.raises(workflow.WorkflowError, match="不能修改"):
        workflow.save_draft(draft, actor=users["clerk"], data=version.data, revision=version.revision)


def test_a_failing_review_keeps_the_edit_but_blocks_submission(
    draft: Any, users: dict[str, Any], submit: Any, monkeypatch: Any
) -> None:
    def broken(self: Reviewer, table: Any) -> Any:
        raise RuntimeError("a rule crashed")

    monkeypatch.setattr(Reviewer, "review", broken)
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "11户"
    result = workflow.save_draft(draft, actor=users["clerk"], data=data, revision=1)
    assert [p.message for p in result.problems] == ["自动审核未能完成，暂不能提交；请联系管理员"]
    assert TableVersion.objects.get(record=draft).data["indicators"][0]["target"] == "11户"
    with pytest.raises(workflow.WorkflowError, match="还有 1 个错误"):
        submit(draft, users["unitlead"])
    assert TableRecord.objects.get(pk=draft.pk).status == Status.DRAFT
