"""The administrator's overview of users and their roles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, PageChoice
from .paging import kept, page_of
from .refusals import bad_request


@login_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.USERS)
    users = get_user_model().objects.select_related(
        "role_assignment", "role_assignment__unit", "role_assignment__department"
    )
    try:
        page = page_of(users, ("username", "id"), PageChoice(request.GET).checked(), size=50)
    except BadInput as bad:
        return bad_request(request, bad)
    return render(request, "web/users.html", {"users": page, "page": page, "params": kept(request.GET)})
