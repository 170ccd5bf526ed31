"""The administrator's user management: the list, a new user, a user's page (name, e-mail, role and unit),
deactivation and reactivation, a one-time password."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import AccountForm, ActiveForm, BadInput, NewAccountForm, PageChoice
from ..models import AuditEntry, Department, Role, Unit
from ..services import users
from .paging import kept, page_of
from .refusals import bad_request

if TYPE_CHECKING:
    from ..accounts import User


def _account(request: AuthenticatedRequest, pk: int) -> User:
    perms.require(request.user, perms.USERS)
    found: User = get_object_or_404(get_user_model(), pk=pk)
    return found


def _choices() -> dict[str, Any]:
    return {
        "roles": Role.choices,
        "units": Unit.objects.select_related("department").order_by("department__name", "name"),
        "departments": Department.objects.order_by("name"),
    }


def _details(chosen: dict[str, Any]) -> dict[str, Any]:
    """The form's name, e-mail and placement, as the services take them."""
    placement = users.Placement(chosen["role"], chosen["unit"], chosen["department"])
    return {"name": chosen["name"], "email": chosen["email"], "placement": placement}


def _one_time(request: AuthenticatedRequest, account: User, password: str, heading: str) -> HttpResponse:
    """The one-time password, on this answer only: it is stored nowhere but in the account's hash."""
    response = render(request, "web/user_password.html", {"account": account, "password": password, "heading": heading})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.USERS)
    accounts = get_user_model().objects.select_related(
        "role_assignment", "role_assignment__unit", "role_assignment__department"
    )
    try:  # those who may log in first, by name
        page = page_of(accounts, ("-is_active", "username", "id"), PageChoice(request.GET).checked(), size=50)
    except BadInput as bad:
        return bad_request(request, bad)
    recent = AuditEntry.objects.filter(table__isnull=True).select_related("subject").order_by("-sequence")[:20]
    return render(
        request, "web/users.html", {"users": page, "page": page, "params": kept(request.GET), "recent": recent}
    )


@login_required
def user_new(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.USERS)
    errors: list[str] = []
    if request.method == "POST":
        try:
            chosen = NewAccountForm(request.POST).checked()
            account, password = users.create(actor=request.user, username=chosen["username"], **_details(chosen))
        except BadInput as bad:
            errors = bad.messages
        except users.AccountRefused as refused:
            errors = [str(refused)]
        else:
            return _one_time(request, account, password, "已新建用户")
    return render(request, "web/user_form.html", {"form_errors": errors, "posted": request.POST, **_choices()})


@login_required
def user_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            chosen = AccountForm(request.POST).checked()
            changed = users.change(actor=request.user, user=account, **_details(chosen))
        except BadInput as bad:
            errors = bad.messages
        except users.AccountRefused as refused:
            errors = [str(refused)]
        else:
            messages.success(request, "已保存。" if changed else "没有改动。")
            return redirect("web:user_detail", pk=account.pk)
    placement = users.placement_of(account)
    shown = (
        request.POST
        if errors
        else {
            "name": account.first_name,
            "email": account.email,
            "role": placement.role if placement else "",
            "unit": str(placement.unit.pk) if placement and placement.unit else "",
            "department": str(placement.department.pk) if placement and placement.department else "",
        }
    )
    return render(
        request,
        "web/user_detail.html",
        {
            "account": account,
            "placement": placement,
            "must_change": users.must_change_password(account),
            "form_errors": errors,
            "posted": shown,
            "trail": account.account_audit_entries.order_by("-sequence")[:50],
            "is_self": account.pk == request.user.pk,
            **_choices(),
        },
    )


@login_required
@require_POST
def user_active(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    try:
        chosen = ActiveForm(request.POST).checked()
        users.set_active(actor=request.user, user=account, active=chosen["active"], comment=chosen["comment"])
    except BadInput as bad:
        messages.error(request, "；".join(bad.messages))
    except users.AccountRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "已恢复该用户，可以登录。" if chosen["active"] else "已停用该用户，其无法再登录。")
    return redirect("web:user_detail", pk=account.pk)


@login_required
@require_POST
def user_password(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    try:
        password = users.reset_password(actor=request.user, user=account)
    except users.AccountRefused as refused:
        messages.error(request, str(refused))
        return redirect("web:user_detail", pk=account.pk)
    return _one_time(request, account, password, "已重置密码")
