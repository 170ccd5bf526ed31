"""Notices: each workflow step tells the people it concerns, in the inbox and by mail when they have an address;
reminders of deadlines are made and mailed once however often ``send_reminders`` runs."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from jixiao.web.models import Notice, RoundKind, Unit
from jixiao.web.services import rounds, workflow


def unread(user: Any) -> list[tuple[str, str]]:
    return [(n.kind, n.title) for n in Notice.objects.filter(user=user, read_at__isnull=True).order_by("id")]


def test_each_step_tells_the_next_person(
    draft: Any, users: dict[str, Any], submit: Any, django_capture_on_commit_callbacks: Any
) -> None:
    users["deptreviewer"].email = "li.qiang@example.cn"
    users["deptreviewer"].save()
    name = "国有资本经营预算项目"
    with django_capture_on_commit_callbacks(execute=True):
        submit(draft, users["unitlead"])
    assert unread(users["deptreviewer"]) == [("submitted", f"待审核：{name}")]
    assert unread(users["finance"]) == []  # not theirs yet
    assert [(m.to, m.subject) for m in mail.outbox] == [(["li.qiang@example.cn"], f"【预算绩效】待审核：{name}")]
    assert f"/tables/{draft.pk}/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_for_changes(draft, actor=users["deptreviewer"], version=1, comment="请核实户数")
    assert unread(users["clerk"])[-1] == ("returned", f"退回修改：{name}")
    assert "请核实户数" in Notice.objects.filter(user=users["clerk"]).first().body  # type: ignore[union-attr]
    assert unread(users["deptreviewer"]) == [("submitted", f"待审核：{name}")]  # their own step tells them nothing


def test_approval_tells_the_unit_and_the_next_stage(draft: Any, users: dict[str, Any], walk: Any) -> None:
    walk(draft, "reviewed")
    assert unread(users["finance"]) == [("submitted", "待审核：国有资本经营预算项目")]
    assert ("approved", "审核通过：国有资本经营预算项目") in unread(users["unitlead"])
    workflow.approve(draft, actor=users["finance"], version=1)
    assert unread(users["unitlead"])[-1] == ("approved", "审核通过：国有资本经营预算项目")
    assert len(unread(users["finance"])) == 1  # the one who approved is not told of their own step
    workflow.publish(draft, actor=users["finance"], version=1)
    assert unread(users["clerk"])[-1] == ("published", "已公开：国有资本经营预算项目")
    assert unread(users["admin"]) == []


def test_the_header_counts_unread_notices_and_opening_one_reads_it(
    draft: Any, users: dict[str, Any], submit: Any, client_for: Any
) -> None:
    submit(draft, users["unitlead"])
    client = client_for("deptreviewer")
    page = client.get(reverse("web:todo")).content.decode()
    assert '<span class="unread-count">1</span>' in page
    notice = Notice.objects.get(user=users["deptreviewer"])
    opened = client.get(reverse("web:notice", args=[notice.pk]))
    assert opened["Location"] == reverse("web:table_detail", args=[draft.pk])
    assert "unread-count" not in client.get(reverse("web:todo")).content.decode()
    assert client_for("clerk").get(reverse("web:notice", args=[notice.pk])).status_code == 404


def test_a_comment_tells_the_unit_and_the_stage(draft: Any, users: dict[str, Any], submit: Any) -> None:
    submit(draft, users["unitlead"])
    workflow.add_comment(draft, actor=users["deptreviewer"], text="第3项指标请补充依据", indicator="支持项目数量")
    assert ("comment", "新意见：国有资本经营预算项目") in unread(users["clerk"])
    assert draft.audit_entries.last().action == "comment"  # type: ignore[union-attr]


@pytest.fixture
def target_round(users: dict[str, Any], sasac: Unit) -> Any:
    return rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind=RoundKind.TARGETS,
        year=2024,
        deadline=rounds.today() + datetime.timedelta(days=10),
        units=[sasac],
    )


def test_opening_a_round_tells_the_units(users: dict[str, Any], target_round: Any) -> None:
    assert unread(users["clerk"]) == [("task", "填报任务：2024 年度目标申报")]
    assert unread(users["unitlead"]) == [("task", "填报任务：2024 年度目标申报")]
    assert unread(users["deptreviewer"]) == []


def test_send_reminders_twice_mails_each_reminder_once(
    users: dict[str, Any], target_round: Any, monkeypatch: Any
) -> None:
    users["clerk"].email = "zhang.min@example.cn"
    users["clerk"].save()
    mail.outbox.clear()

    def run(on: datetime.date) -> str:
        monkeypatch.setattr(rounds, "today", lambda: on)
        out = StringIO()
        call_command("send_reminders", stdout=out)
        return out.getvalue().strip()

    deadline = target_round.deadline
    assert run(deadline - datetime.timedelta(days=5)) == "已发送 0 条提醒"  # not near yet
    assert run(deadline - datetime.timedelta(days=2)) == "已发送 2 条提醒"  # the clerk and the lead
    assert run(deadline - datetime.timedelta(days=1)) == "已发送 0 条提醒"
    assert [m.subject for m in mail.outbox] == ["【预算绩效】临近截止：2024 年度目标申报还剩 2 天"]
    assert run(deadline + datetime.timedelta(days=1)) == "已发送 2 条提醒"
    assert run(deadline + datetime.timedelta(days=1)) == "已发送 0 条提醒"
    assert [m.subject for m in mail.outbox][1:] == [f"【预算绩效】已逾期：2024 年度目标申报已于 {deadline:%m-%d} 截止"]
    kinds = Notice.objects.filter(user=users["clerk"]).values_list("kind", flat=True)
    assert sorted(kinds) == ["deadline_near", "overdue", "task"]


def test_no_reminder_once_the_unit_has_submitted(
    users: dict[str, Any], target_round: Any, draft: Any, submit: Any, monkeypatch: Any
) -> None:
    submit(draft, users["unitlead"])
    monkeypatch.setattr(rounds, "today", lambda: target_round.deadline + datetime.timedelta(days=1))
    assert rounds.send_reminders() == 0


def test_a_failed_mail_is_sent_by_the_next_run_and_only_then(
    users: dict[str, Any], target_round: Any, monkeypatch: Any
) -> None:
    users["clerk"].email = "zhang.min@example.cn"
    users["clerk"].save()
    monkeypatch.setattr(rounds, "today", lambda: target_round.deadline)
    from jixiao.web.services import notices

    def down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(notices, "send_mail", down)
    assert rounds.send_reminders() == 2
    assert mail.outbox == []
    monkeypatch.undo()
    monkeypatch.setattr(rounds, "today", lambda: target_round.deadline)
    assert rounds.send_reminders() == 0
    assert rounds.send_reminders() == 0
    assert [m.to for m in mail.outbox] == [["zhang.min@example.cn"]]
