"""The administrator's overview of users and their roles."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from .. import permissions as perms
from ..accounts import AuthenticatedRequest


@login_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.USERS)
    users = (
        get_user_model()
        .objects.select_related("role_assignment", "role_assignment__unit", "role_assignment__department")
        .order_by("username")
    )
    return render(request, "web/users.html", {"users": users})
