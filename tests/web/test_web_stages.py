"""The review chain: each stage approves or returns, a return from any stage goes back to the unit, the chain is
the office's configuration, and every decision names the version the person saw."""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from jixiao.web.models import DEFAULT_CHAIN, AuditAction, AuditEntry, Decision, ReviewStage, Role, Status, Step
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


THREE_STAGES = ["单位负责人审核:单位负责人", "财政复审:财政审核人", "财政公开:财政审核人"]


def configure_stages(*args: str) -> str:
    out = io.StringIO()
    call_command("configure_stages", *args, stdout=out)
    return out.getvalue()


def test_finance_sets_a_chain_without_the_department_and_a_table_goes_submit_review_publish(
    draft: Any, users: dict[str, Any], submit: Any, client_for: Any
) -> None:
    office = stages.office_of(draft)
    said = configure_stages("--by", "finance", *(f"--stage={s}" for s in THREE_STAGES))
    assert "已设置" in said and "财政复审（财政审核人）" in said
    assert [(s.name, s.role, s.step) for s in stages.chain(office)] == [
        ("单位负责人审核", Role.UNIT_LEAD, Step.SUBMIT),
        ("财政复审", Role.FINANCE_REVIEWER, Step.REVIEW),
        ("财政公开", Role.FINANCE_REVIEWER, Step.PUBLISH),
    ]
    entry = AuditEntry.objects.get(action=AuditAction.STAGES)
    assert (entry.table_id, entry.actor_id) == (None, users["finance"].pk)
    assert entry.diff[0]["before"].startswith("单位负责人审核（单位负责人） → 主管部门初审（主管部门审核人）")
    assert configure_stages().splitlines() == [
        "1. 单位负责人审核（单位负责人 · 提交）",
        "2. 财政复审（财政审核人 · 审核）",
        "3. 财政公开（财政审核人 · 公开）",
    ]
    submit(draft, users["unitlead"])
    draft.refresh_from_db()
    assert stages.label(draft) == "财政复审中"
    assert stages.actions(draft, users["deptreviewer"]) == frozenset()
    review = reverse("web:table_review", args=[draft.pk])
    assert (
        f'"{review}"'
        not in client_for("deptreviewer").get(reverse("web:table_detail", args=[draft.pk])).content.decode()
    )
    response = client_for("finance").post(review, {"decision": "approved", "comment": "同意", "version": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, stages.label(draft)) == (Status.APPROVED, "审核通过，待公开")
    publish = reverse("web:table_publish", args=[draft.pk])
    assert client_for("finance").post(publish, {"version": "1", "confirm": "1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert client_for(None).get(reverse("web:public_detail", args=[draft.pk])).status_code == 200
    assert [d.stage_name for d in Decision.objects.filter(version__record=draft)] == ["财政复审"]
    configure_stages("--by", "admin", "--default")
    assert [s.name for s in stages.chain(office)] == ["单位负责人审核", "主管部门初审", "财政复审", "财政公开"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--stage=财政初审:财政审核人", "--stage=财政复审:财政审核人", "--stage=财政公开:财政审核人"],
            "须由单位负责人办理，不能由财政审核人办理",
        ),
        (["--stage=提交:单位负责人", "--stage=公开:财政审核人"], "至少须有一个审核阶段"),
        (
            ["--stage=提交:单位负责人", "--stage=初审:单位填报人", "--stage=公开:财政审核人"],
            "须由主管部门审核人或财政审核人办理",
        ),
        (
            ["--stage=提交:单位负责人", "--stage=初审:主管部门审核人", "--stage=公开:主管部门审核人"],
            "须由财政审核人办理",
        ),
        (
            [
                "--stage=提交:单位负责人",
                "--stage=审核:财政审核人",
                "--stage=审核:财政审核人",
                "--stage=公开:财政审核人",
            ],
            "阶段名称“审核”重复",
        ),
        (["--stage=提交:单位负责人", "--stage=审核:局长", "--stage=公开:财政审核人"], "没有“局长”这个角色"),
        (["--stage=提交", "--stage=公开:财政审核人"], "请写成“名称:角色”"),
    ],
)
def test_a_chain_that_cannot_run_is_refused(users: dict[str, Any], args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        configure_stages("--by", "finance", *args)
    assert not ReviewStage.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.STAGES).exists()


@pytest.mark.parametrize(
    ("by", "message"), [("clerk", "无权设置审核流程"), ("deptreviewer", "无权"), ("", "请用 --by")]
)
def test_only_finance_or_the_admin_sets_the_chain(users: dict[str, Any], by: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        configure_stages("--by", by, *(f"--stage={s}" for s in THREE_STAGES))
    assert not ReviewStage.objects.exists()


def test_the_chain_stays_while_a_table_is_in_review(draft: Any, users: dict[str, Any], submit: Any) -> None:
    submit(draft, users["unitlead"])
    with pytest.raises(stages.ChainRefused, match="有 1 张目标表正在审核或待公开"):
        stages.configure(
            stages.office_of(draft),
            [(name, str(role), str(step)) for name, role, step in DEFAULT_CHAIN],
            actor=users["finance"],
        )
    assert not ReviewStage.objects.exists()


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


def test_finance_sets_the_chain_on_its_page(draft: Any, users: dict[str, Any], client_for: Any) -> None:
    page = client_for("finance").get(reverse("web:stages"))
    html = page.content.decode()
    assert "主管部门初审" in html and "主管部门审核人 · 审核" in html
    assert f'href="{reverse("web:stages")}"' in html  # in the navigation
    form = {
        "stage-name": ["单位负责人审核", "财政复审", "财政公开", "", ""],
        "stage-role": ["unit_lead", "finance_reviewer", "finance_reviewer", "", ""],
    }
    response = client_for("finance").post(reverse("web:stages"), form, follow=True)
    html = response.content.decode()
    assert "已设置审核流程：单位负责人审核（单位负责人） → 财政复审（财政审核人） → 财政公开（财政审核人）" in html
    assert [s.name for s in stages.chain(stages.office_of(draft))] == ["单位负责人审核", "财政复审", "财政公开"]
    assert "设置审核流程" in html and "stages" not in re.sub(r"<[^>]+>|\{[^}]*\}", "", html.split("修改记录")[1])
    bad = {
        "stage-name": ["单位负责人审核", "初审", "公开"],
        "stage-role": ["unit_lead", "unit_lead", "finance_reviewer"],
    }
    html = client_for("admin").post(reverse("web:stages"), bad).content.decode()
    assert "未能设置审核流程" in html and "须由主管部门审核人或财政审核人办理，不能由单位负责人办理" in html
    assert 'value="初审"' in html  # the rows as posted, to correct
    missing = {"stage-name": ["单位负责人审核", "初审", "公开"], "stage-role": ["unit_lead", "", "finance_reviewer"]}
    assert (
        "第 2 个阶段“初审”：请选择办理人" in client_for("admin").post(reverse("web:stages"), missing).content.decode()
    )
    assert [s.name for s in stages.chain(stages.office_of(draft))] == ["单位负责人审核", "财政复审", "财政公开"]
    for name in ("clerk", "unitlead", "deptreviewer"):
        assert client_for(name).get(reverse("web:stages")).status_code == 403
        assert client_for(name).post(reverse("web:stages"), form).status_code == 403
