"""The inbox (通知): a person's notices, newest first; opening one marks it read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..accounts import AuthenticatedRequest
from ..forms import BadInput, PageChoice
from ..models import Notice
from ..services import notices
from .paging import kept, page_of
from .refusals import bad_request

#: newest first (the ``notice_inbox`` index)
ORDER = ("-created_at", "-id")


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    try:
        page = page_of(Notice.objects.filter(user=request.user), ORDER, PageChoice(request.GET).checked(), size=30)
    except BadInput as bad:
        return bad_request(request, bad)
    return render(request, "web/inbox.html", {"page": page, "params": kept(request.GET)})


@login_required
def open_notice(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk, user=request.user)
    notices.mark_read(request.user, [notice.pk])
    if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
        return redirect(notice.link)
    return redirect("web:inbox")


@login_required
@require_POST
def read_all(request: AuthenticatedRequest) -> HttpResponse:
    notices.mark_read(request.user)
    return redirect("web:inbox")
