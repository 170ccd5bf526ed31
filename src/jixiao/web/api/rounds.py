"""填报 rounds (任务下发): the rounds the caller sees, and each unit's progress in one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router
from ninja.responses import codes_4xx

from .. import permissions as perms
from ..models import FilingRound, RoundKind
from ..services import rounds
from . import render
from .auth import caller
from .errors import ApiError, ErrorOut
from .pages import Page, PageQuery, page_of
from .schemas import RoundOut, RoundProgressOut

router = Router(tags=["填报任务"])


class RoundFilter(PageQuery):
    year: int | None = Field(None, ge=1, le=9999, description="年度")
    kind: RoundKind | None = Field(None, description="任务类型")
    open: bool | None = Field(None, description="true：只列未结束的任务")


def _round(filing_round: FilingRound, request: HttpRequest) -> dict[str, Any]:
    granted = perms.assignment(caller(request))
    unit = granted.unit if granted is not None and granted.unit_id else None
    state = rounds.unit_state(filing_round, unit)[0] if unit is not None else None
    return {
        "id": filing_round.pk,
        "title": filing_round.title,
        "kind": filing_round.kind,
        "year": filing_round.year,
        "period": filing_round.period,
        "deadline": filing_round.deadline,
        "days_left": rounds.days_left(filing_round),
        "closed": filing_round.closed,
        "note": filing_round.note,
        "units": filing_round.units.count(),
        "state": state,
    }


@router.get(
    "/rounds",
    operation_id="rounds_list",
    summary="填报任务列表",
    url_name="rounds_list",
    response={200: Page[RoundOut], codes_4xx: ErrorOut},
)
def rounds_list(request: HttpRequest, filters: Query[RoundFilter]) -> dict[str, Any]:
    """The rounds of the caller's unit, of their department's units, or every one (财政), open first by deadline."""
    perms.require(caller(request), perms.VIEW)
    found = perms.rounds_in_scope(caller(request))
    if filters.year is not None:
        found = found.filter(year=filters.year)
    if filters.kind is not None:
        found = found.filter(kind=filters.kind)
    if filters.open is not None:
        found = found.filter(closed=not filters.open)
    return page_of(found.order_by("closed", "deadline", "id"), filters, lambda r: _round(r, request))


@router.get(
    "/rounds/{pk}/progress",
    operation_id="round_progress",
    summary="各单位填报进度",
    url_name="round_progress",
    response={200: RoundProgressOut, codes_4xx: ErrorOut},
)
def round_progress(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Each unit's progress in the round (主管部门 and 财政): 未开始, 草稿, 已提交, 退回修改, 审核通过, overdue."""
    user = caller(request)
    filing_round = perms.rounds_in_scope(user).filter(pk=pk).first()
    if filing_round is None:
        raise ApiError(404, "not_found", "没有这个填报任务")
    perms.require(user, perms.PROGRESS)
    rows = rounds.progress(filing_round, rounds.units_of(filing_round, perms.units_in_scope(user)))
    return {
        "round": _round(filing_round, request),
        "counts": {state: sum(1 for r in rows if r.state == state) for state in rounds.PROGRESS_LABELS},
        "overdue": sum(1 for r in rows if r.overdue),
        "units": [
            {
                "unit": render.named(row.unit),
                "department": render.named(row.unit.department),
                "state": row.state,
                "label": row.label,
                "tables": row.tables,
                "overdue": row.overdue,
            }
            for row in rows
        ],
    }
