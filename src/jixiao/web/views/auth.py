"""Log in with rate limiting; log out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest

from ..services import ratelimit


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。",
        "locked": "登录失败次数过多，请 15 分钟后再试。",
    }

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        address = client_address(self.request) if self.request else ""
        if ratelimit.is_locked(username, address):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.record_failure(username, address)
            raise
        ratelimit.clear(username, address)
        return cleaned


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = RateLimitedAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass
