"""Log in with rate limiting; log out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse

from ..forms import NUL
from ..services import ratelimit


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。",
        "locked": "登录失败次数过多，请 15 分钟后再试。",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["null_characters_not_allowed"] = NUL

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username is None:  # missing or malformed: the field says why; no attempt to count
            return super().clean()
        address = ratelimit.client_address(self.request) if self.request else "unknown"
        if not ratelimit.take_attempt(username, address):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        cleaned = super().clean()  # a wrong password keeps its place in the count
        ratelimit.give_back(username, address)
        return cleaned


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = RateLimitedAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        """A wrong password is an answer (200); a missing or malformed field is a bad request (400)."""
        response = super().form_invalid(form)
        if any(name != NON_FIELD_ERRORS for name in form.errors):
            response.status_code = 400
        return response


class LogoutView(auth_views.LogoutView):
    pass
