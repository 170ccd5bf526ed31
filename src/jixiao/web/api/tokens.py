"""``token_create``: a user name and password in, a new API token out (shown once), under the login's limits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status as Answer
from ninja.responses import codes_4xx

from ..services import ratelimit, tokens
from .errors import ApiError, ErrorOut
from .schemas import Comment

router = Router(tags=["令牌"], auth=None)


class TokenIn(Schema):
    username: Comment = Field(min_length=1, max_length=150)
    password: Comment = Field(min_length=1, max_length=4096)
    name: Comment = Field("API", max_length=100, description="令牌名称，用于在“API 令牌”页面辨认和吊销")


class TokenOut(Schema):
    id: int
    name: str
    token: str = Field(description="令牌本身，只显示这一次；请求头 Authorization: Bearer <token>")
    prefix: str
    created_at: datetime


@router.post(
    "/tokens",
    operation_id="token_create",
    summary="用用户名和密码创建令牌",
    url_name="token_create",
    response={201: TokenOut, codes_4xx: ErrorOut},
)
def token_create(request: HttpRequest, body: TokenIn) -> Answer[dict[str, Any]]:
    """A new token for the user; too many failed attempts for a user name or from an address: 429."""
    address = ratelimit.client_address(request)
    if not ratelimit.take_attempt(body.username, address):
        raise ApiError(429, "rate_limited", "登录失败次数过多，请 15 分钟后再试")
    user = authenticate(request, username=body.username, password=body.password)
    if user is None:
        raise ApiError(401, "invalid_credentials", "用户名或密码不正确")
    ratelimit.give_back(body.username, address)
    issued = tokens.create(user, name=body.name or "API", via="api", address=address)
    token = issued.token
    return Answer(
        201,
        {
            "id": token.pk,
            "name": token.name,
            "token": issued.secret,
            "prefix": token.prefix,
            "created_at": token.created_at,
        },
    )
