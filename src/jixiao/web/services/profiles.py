"""The finance office's scoring profile (评分规则: national, hubei, sichuan …), for 财政 and the administrator.

The profile scores the office's self-evaluations and lights its monitoring. Changing it is refused while any of
the office's reports waits in review (submitted, or approved and waiting to be published): the reviewers would
see other scores than the unit submitted. Otherwise the drafts and returned reports are scored again under the
new profile, at once (their totals, grades and lights on the lists follow); a report submitted before keeps the
profile it was submitted under (:attr:`~jixiao.web.models.RoundReport.profile`), so a published self-evaluation
keeps its scores. Each change is an audit entry, as ``manage.py set_profile`` writes one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet

from .. import permissions as perms
from ..models import (
    AuditAction,
    AuditEntry,
    FinanceOffice,
    RoundKind,
    RoundReport,
    ScoringProfile,
    Status,
    reporttallies,
)
from . import audit, reportkinds
from .reports import EDITABLE

if TYPE_CHECKING:
    from ..accounts import User


#: what a report keeps of its scores and lights, for the lists (the ``refresh`` of each kind sets them)
COMPUTED = ["data", "budget_light", "red_count", "yellow_count", "green_count", "total", "grade", "override_count"]
COMPUTED += ["error_count", "warning_count"]


class ProfileRefused(Exception):
    """The profile cannot be changed now (reports in review), or there is no such profile."""


def in_review(office: FinanceOffice) -> int:
    """The office's reports waiting in review: submitted, or a self-evaluation approved and not yet published."""
    waiting = Q(status=Status.SUBMITTED) | Q(status=Status.APPROVED, round__kind=RoundKind.SELF_EVALUATION)
    return RoundReport.objects.filter(waiting, record__unit__department__office=office).count()


def _drafts(office: FinanceOffice) -> QuerySet[RoundReport]:
    return RoundReport.objects.filter(record__unit__department__office=office, status__in=EDITABLE)


def draft_count(office: FinanceOffice) -> int:
    return _drafts(office).count()


def drafts(office: FinanceOffice) -> list[RoundReport]:
    """The office's reports the unit is filling in: scored under the office's profile, whatever it is."""
    return list(_drafts(office).select_related("round", "version", "record__unit__department__office"))


def change(office: FinanceOffice, profile: str, *, actor: User | None, via: str = "") -> int:
    """Score the office's reports under ``profile`` from now on, audited (``actor`` None: from the command line,
    ``via`` says so); the number of drafts scored again. :class:`ProfileRefused` while reports are in review."""
    if actor is not None:
        perms.require(actor, perms.CONFIGURE_PROFILE)
    if profile not in ScoringProfile.values:
        raise ProfileRefused(f"没有评分规则“{profile}”，可选：{'、'.join(ScoringProfile.values)}")
    with transaction.atomic():
        locked = FinanceOffice.objects.select_for_update().get(pk=office.pk)
        if locked.profile == profile:
            return 0
        waiting = in_review(locked)
        if waiting:
            raise ProfileRefused(
                f"有 {waiting} 份监控表或自评表正在审核或待公开，待其办结或退回后再修改评分规则"
                "（已公开的自评保持提交时的评分规则）"
            )
        before = locked.get_profile_display()
        locked.profile = profile
        locked.save(update_fields=["profile"])
        rescored = drafts(locked)
        for report in rescored:
            report.record.unit.department.office = locked  # the new profile, without reading it again
            reportkinds.module_for(report.round.kind, report.version.data).refresh(report)
        RoundReport.objects.bulk_update(rescored, COMPUTED)
        reporttallies.recount((report.round_id, report.unit_id) for report in rescored)
        _audit(locked, actor, before, via, len(rescored))
    return len(rescored)


def _audit(office: FinanceOffice, actor: User | None, before: str, via: str, rescored: int) -> None:
    comment = f"{office.name}；重新计分 {rescored} 份草稿" + (f"（{via}）" if via else "")
    diff = [{"field": "profile", "before": before, "after": office.get_profile_display()}]
    if actor is None:  # the command line: no signed-in person
        audit.record_system(action=AuditAction.PROFILE, comment=comment, diff=diff)
    else:
        audit.record_account(actor=actor, action=AuditAction.PROFILE, comment=comment, diff=diff)


def history() -> list[AuditEntry]:
    """The profile's changes, newest first."""
    return list(AuditEntry.objects.filter(action=AuditAction.PROFILE).order_by("-sequence")[:20])
