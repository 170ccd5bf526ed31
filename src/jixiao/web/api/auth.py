"""Token authentication: ``Authorization: Bearer jx_…``, a token its user created (:mod:`..services.tokens`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from ninja.security import HttpBearer

from ..services import tokens

if TYPE_CHECKING:
    from ..accounts import User


class TokenAuth(HttpBearer):
    openapi_description = "API 令牌：在“API 令牌”页面创建，或调用 token_create；请求头 Authorization: Bearer jx_…"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = tokens.user_for(token)
        if user is not None:
            request.user = user  # the services and the permission checks read the caller from here, as in the pages
        return user


def caller(request: HttpRequest) -> User:
    """The user the request's token belongs to (every operation but the public ones requires one)."""
    user = request.auth  # type: ignore[attr-defined]
    assert user is not None, "an authenticated operation"
    return user  # type: ignore[no-any-return]
