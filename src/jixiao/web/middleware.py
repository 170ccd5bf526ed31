"""Two answers given before any view.

A request the database cut short — a statement past its time limit, a row lock not had in time, SQLite's write
lock still held by another — is answered 503 with a Chinese page, not a 500; nothing of it was saved. A user
signed in with an administrator's one-time password is sent to choose their own password first.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .services import users

#: PostgreSQL's codes for a statement cancelled by ``statement_timeout`` and a lock not had within ``lock_timeout``.
TIMED_OUT = {"57014": "处理时间过长", "55P03": "这张目标表正被他人修改"}


def busy_reason(error: BaseException) -> str | None:
    """Why the database refused, in Chinese, when it was a time limit or a lock; None for anything else."""
    if not isinstance(error, OperationalError):
        return None
    code = getattr(error.__cause__, "sqlstate", None)
    if code in TIMED_OUT:
        return TIMED_OUT[code]
    if "database is locked" in str(error):
        return "数据库正忙"
    return None


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        reason = busy_reason(exception)
        if reason is None:
            return None
        response = render(request, "web/busy.html", {"reason": reason}, status=503)
        response["Retry-After"] = "10"
        return response


class PasswordChangeRequiredMiddleware:
    """A user with a one-time password sees the password page, whatever they ask for, until they change it."""

    #: The pages such a user may still reach: the password page itself and signing out.
    ALLOWED = ("web:password_change", "web:logout")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        allowed = request.path in {reverse(name) for name in self.ALLOWED}
        if not allowed and user.is_authenticated and users.must_change_password(user):
            return redirect("web:password_change")
        return self.get_response(request)
