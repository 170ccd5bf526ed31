"""Every user changes their own password (Django's views, our Chinese pages)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse
from django.urls import reverse_lazy

from ..forms import NUL
from ..services import users


class ChineseChangeForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["null_characters_not_allowed"] = NUL


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    form_class = ChineseChangeForm
    success_url = reverse_lazy("web:todo")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "must_change": users.must_change_password(self.request.user)}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # the session stays signed in with the new password
        users.password_changed(form.user)
        messages.success(self.request, "密码已修改。下次登录请使用新密码。")
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        """A wrong old password or a weak new one is an answer (200); a NUL character is a bad request (400)."""
        response = super().form_invalid(form)
        if any(
            error.code == "null_characters_not_allowed" for errors in form.errors.as_data().values() for error in errors
        ):
            response.status_code = 400
        return response
