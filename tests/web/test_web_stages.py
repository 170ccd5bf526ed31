"""The review chain: each stage approves or returns, a return from any stage goes back to the unit, the chain is
the office's configuration, and every decision names the version the person saw."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.urls import reverse

from jixiao.web.models import Decision, Role, Status, Step
from jixiao.web.services import stages, workflow


def test_the_default_chain_runs_unit_lead_department_finance_publication(draft: Any, users: dict[str, Any]) -> None:
    assert [(s.name, s.role, s.step) for s in stages.chain(stages.office_of(draft))] == [
        ("单位负责人审核", Role.UNIT_LEAD, Step.SUBMIT),
        ("主管部门初审", Role.DEPARTMENT_REVIEWER, Step.REVIEW),
        ("财政复审", Role.FINANCE_REVIEWER, Step.REVIEW),
        ("财政公开", Role.FINANCE_REVIEWER, Step.PUBLISH),
    ]


def test_finance_cannot_approve_what_the_department_has_not_seen(
    draft: Any, users: dict[str, Any], submit: Any
) -> None:
    submit(draft, users["unitlead"])
    draft.refresh_from_db()
    assert stages.label(draft) == "主管部门初审中"
    assert stages.actions(draft, users["finance"]) == frozenset()
    with pytest.raises(workflow.WorkflowError, match="“主管部门初审”阶段，不由您审核"):
        workflow.approve(draft, actor=users["finance"], version=1)
    workflow.approve(draft, actor=users["deptreviewer"], version=1, comment="初审同意")
    draft.refresh_from_db()
    assert (draft.status, stages.label(draft)) == (Status.SUBMITTED, "财政复审中")
    assert stages.actions(draft, users["deptreviewer"]) == frozenset()
    assert stages.actions(draft, users["finance"]) == {"review"}


def test_finance_returns_after_the_department_approved_and_the_table_goes_back_to_the_unit(
    draft: Any, users: dict[str, Any], walk: Any, submit: Any
) -> None:
    walk(draft, "reviewed")
    workflow.return_for_changes(draft, actor=users["finance"], version=1, comment="请补充测算依据")
    draft.refresh_from_db()
    assert (draft.status, draft.stage) == (Status.RETURNED, 0)
    assert [(d.stage_name, d.outcome) for d in Decision.objects.order_by("id")] == [
        ("主管部门初审", "approved"),
        ("财政复审", "returned"),
    ]
    assert stages.actions(draft, users["clerk"]) == {"edit"}
    assert stages.actions(draft, users["unitlead"]) == {"edit", "submit"}
    # resubmitted, it goes through 主管部门 again
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "12户"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    submit(draft, users["unitlead"])
    draft.refresh_from_db()
    assert (draft.status, stages.label(draft), draft.latest.number) == (Status.SUBMITTED, "主管部门初审中", 2)


def test_only_finance_publishes_at_the_last_stage(draft: Any, users: dict[str, Any], walk: Any) -> None:
    walk(draft, "approved")
    assert stages.label(draft) == "审核通过，待公开"
    assert {name: stages.actions(draft, users[name]) for name in users} == {
        "clerk": frozenset(),
        "unitlead": {"adjust"},
        "deptreviewer": frozenset(),
        "finance": {"publish"},
        "admin": frozenset(),
    }


def test_a_decision_about_an_older_version_is_refused(draft: Any, users: dict[str, Any], submit: Any) -> None:
    submit(draft, users["unitlead"])
    seen = draft.latest.number  # the department reviewer opens version 1 …
    workflow.return_for_changes(draft, actor=users["deptreviewer"], version=seen, comment="请修改")
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "20户"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    submit(draft, users["unitlead"])  # … version 2 is submitted meanwhile
    with pytest.raises(workflow.VersionChanged, match="现为第 2 版"):
        workflow.approve(draft, actor=users["deptreviewer"], version=seen, comment="同意（看的是第 1 版）")
    draft.refresh_from_db()
    assert (draft.status, draft.stage) == (Status.SUBMITTED, 1)
    assert Decision.objects.filter(outcome="approved").count() == 0


def test_a_save_landing_just_before_submission_is_not_submitted(
    draft: Any, users: dict[str, Any], client_for: Any
) -> None:
    from jixiao.web.services import demo

    form = demo.submission_form(draft)  # the lead opened the submit page at revision 1
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "5户"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=1)  # the clerk saves meanwhile
    response = client_for("unitlead").post(reverse("web:table_submit", args=[draft.pk]), form, follow=True)
    assert "在您打开之后已有变化（现为第 1 版，修订 2）" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_office_configures_its_own_chain(draft: Any, users: dict[str, Any], submit: Any) -> None:
    office = stages.office_of(draft)
    with pytest.raises(ValueError, match="以单位提交开始"):
        stages.configure(office, [("财政审核", Role.FINANCE_REVIEWER, Step.REVIEW)])
    stages.configure(
        office,
        [
            ("单位负责人审核", Role.UNIT_LEAD, Step.SUBMIT),
            ("财政审核", Role.FINANCE_REVIEWER, Step.REVIEW),
            ("财政公开", Role.FINANCE_REVIEWER, Step.PUBLISH),
        ],
    )
    submit(draft, users["unitlead"])
    draft.refresh_from_db()
    assert stages.label(draft) == "财政审核中"
    assert stages.actions(draft, users["deptreviewer"]) == frozenset()
    workflow.approve(draft, actor=users["finance"], version=1)
    draft.refresh_from_db()
    assert draft.status == Status.APPROVED


def test_the_detail_page_shows_a_button_only_to_whoever_acts_now(
    draft: Any, users: dict[str, Any], client_for: Any, walk: Any
) -> None:
    def buttons(name: str) -> set[str]:
        html = client_for(name).get(reverse("web:table_detail", args=[draft.pk])).content.decode()
        shown = {
            "edit": reverse("web:table_edit", args=[draft.pk]),
            "submit": reverse("web:table_submit", args=[draft.pk]),
            "review": reverse("web:table_review", args=[draft.pk]),
            "publish": reverse("web:table_publish", args=[draft.pk]),
            "adjust": reverse("web:table_adjust", args=[draft.pk]),
            "delete": reverse("web:table_delete", args=[draft.pk]),
        }
        return {action for action, url in shown.items() if f'"{url}"' in html}

    assert {name: buttons(name) for name in users} == {
        "clerk": {"edit", "delete"},
        "unitlead": {"edit", "submit", "delete"},
        "deptreviewer": set(),
        "finance": set(),
        "admin": set(),
    }
    walk(draft, "reviewed")
    assert {name: buttons(name) for name in users} == {
        "clerk": set(),
        "unitlead": set(),
        "deptreviewer": set(),
        "finance": {"review"},
        "admin": set(),
    }
