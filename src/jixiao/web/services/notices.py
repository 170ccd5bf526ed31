"""Notices (通知): the inbox entry for each person an event concerns, and the same by e-mail when they have an
address (Django's e-mail backend: the console by default, SMTP by setting).

A workflow step's notices are written in its transaction; their mails go once it commits. A reminder carries a
key, unique per person, so making it again finds the one already made and mails nobody twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Notice, NoticeKind, Role, RoleAssignment, TableRecord
from . import stages

if TYPE_CHECKING:
    from ..accounts import User

log = logging.getLogger(__name__)


def unit_people(record: TableRecord) -> list[int]:
    """The unit's clerks and leads."""
    return list(
        RoleAssignment.objects.filter(
            unit=record.unit_id, role__in=(Role.CLERK, Role.UNIT_LEAD), user__is_active=True
        ).values_list("user_id", flat=True)
    )


def _mail(notice_ids: list[int]) -> None:
    """Mail each notice not mailed yet to its person, when they have an address; a failure is logged, kept for
    the next ``send_reminders``."""
    for notice in Notice.objects.filter(pk__in=notice_ids, emailed_at__isnull=True).select_related("user"):
        if not notice.user.email:
            continue
        body = notice.body + (f"\n\n{settings.JIXIAO_SITE_URL}{notice.link}" if notice.link else "")
        try:
            send_mail(f"【预算绩效】{notice.title}", body, settings.DEFAULT_FROM_EMAIL, [notice.user.email])
        except Exception:  # an SMTP server down must not undo the step; the inbox has the notice
            log.exception("mail to %s failed", notice.user.email)
            continue
        Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())


def _fitted(title: str) -> str:
    """``title`` cut to the column's length (a project name may be longer), marked with an ellipsis when cut."""
    limit = Notice._meta.get_field("title").max_length or len(title)
    return title if len(title) <= limit else title[: limit - 1] + "…"


def notify(
    user_ids: Iterable[int],
    *,
    kind: NoticeKind,
    title: str,
    body: str = "",
    link: str = "",
    table: TableRecord | None = None,
    exclude: User | None = None,
) -> list[Notice]:
    """One notice per person (``exclude`` — usually the actor — left out); mailed when the transaction commits."""
    people = sorted(set(user_ids) - ({exclude.pk} if exclude is not None else set()))
    title = _fitted(title)
    made = Notice.objects.bulk_create(
        Notice(user_id=person, kind=kind, title=title, body=body, link=link, table=table) for person in people
    )
    ids = [n.pk for n in made]  # bulk_create returns the keys on SQLite and PostgreSQL
    transaction.on_commit(lambda: _mail(ids))
    return made


def remind(user: User, *, key: str, kind: NoticeKind, title: str, body: str = "", link: str = "") -> bool:
    """A reminder made once per ``key`` and person, and mailed once; True when it was made now."""
    try:
        with transaction.atomic():
            notice, created = Notice.objects.get_or_create(
                user=user, key=key, defaults={"kind": kind, "title": _fitted(title), "body": body, "link": link}
            )
    except IntegrityError:  # another run made it between the look-up and the insert
        return False
    _mail([notice.pk])  # also retries a mail that failed before
    return created


def table_link(record: TableRecord) -> str:
    return reverse("web:table_detail", args=[record.pk])


def after_step(record: TableRecord, *, actor: User, event: str, comment: str = "") -> None:
    """The notices of a workflow step: who is told depends on the step and on the stage the table reached."""
    name, who = record.project_name, actor_name(actor)
    said = f"\n意见：{comment}" if comment else ""
    stage = stages.current(record)
    waiting = stages.people_at(record, stage)
    unit = unit_people(record)
    first = stages.chain(stages.office_of(record))[0]
    sends: list[tuple[list[int], NoticeKind, str, str]] = []
    if event == "submit":
        sends.append(
            (waiting, NoticeKind.SUBMITTED, f"待审核：{name}", f"{record.unit.name}已提交，等待{stage.name}。")
        )
    elif event == "return":
        sends.append((unit, NoticeKind.RETURNED, f"退回修改：{name}", f"{who}退回修改。{said}"))
    elif event == "approve":
        sends.append(
            (unit, NoticeKind.APPROVED, f"审核通过：{name}", f"{who}审核通过，现为“{stages.label(record)}”。{said}")
        )
        if stage.step == "publish":
            sends.append((waiting, NoticeKind.APPROVED, f"待公开：{name}", f"审核已全部通过，等待{stage.name}。"))
        else:
            sends.append((waiting, NoticeKind.SUBMITTED, f"待审核：{name}", f"{who}已审核通过，等待{stage.name}。"))
    elif event == "publish":
        sends.append((unit, NoticeKind.PUBLISHED, f"已公开：{name}", "目标表已向社会公开。"))
    elif event == "comment":
        sends.append((unit + waiting, NoticeKind.COMMENT, f"新意见：{name}", f"{who}：{comment}"))
    elif event == "ready":
        leads = stages.people_at(record, first)
        sends.append((leads, NoticeKind.READY, f"待提交：{name}", "草稿已无错误，请审核后提交。"))
    for people, kind, title, body in sends:
        notify(people, kind=kind, title=title, body=body, link=table_link(record), table=record, exclude=actor)


def actor_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def unread_count(user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def seen_table(user: User, record: TableRecord) -> int:
    """The person opened the table: its notices to them are read."""
    return Notice.objects.filter(user=user, table=record, read_at__isnull=True).update(read_at=timezone.now())


def mark_read(user: User, notice_ids: Iterable[int] | None = None) -> int:
    notices = Notice.objects.filter(user=user, read_at__isnull=True)
    if notice_ids is not None:
        notices = notices.filter(pk__in=list(notice_ids))
    return notices.update(read_at=timezone.now())
