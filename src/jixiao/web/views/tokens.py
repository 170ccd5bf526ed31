"""API 令牌: each user's own tokens — create one (shown once, on this answer only), see when each was last used,
revoke it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..accounts import AuthenticatedRequest
from ..forms import BadInput, TokenForm
from ..models import ApiToken
from ..services import ratelimit, tokens
from .refusals import bad_request


@login_required
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    issued, errors, status = None, [], 200
    if request.method == "POST":
        try:
            name = TokenForm(request.POST).checked()["name"]
            issued = tokens.create(request.user, name=name, via="web", address=ratelimit.client_address(request))
        except BadInput as bad:
            errors, status = bad.messages, 400
        except tokens.TokenRefused as refused:
            errors, status = [str(refused)], 400
    listed = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at", "-id")[:100]
    response = render(
        request,
        "web/tokens.html",
        {"tokens": listed, "issued": issued, "form_errors": errors},
        status=status,
    )
    response["Cache-Control"] = "no-store"  # the new token is on this page only
    return response


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404("没有这个令牌")
    if token.revoked_at is not None:
        return bad_request(request, BadInput([f"令牌“{token.name}”已吊销"]))
    tokens.revoke(token, actor=request.user, via="web", address=ratelimit.client_address(request))
    messages.success(request, f"已吊销令牌“{token.name}”：使用它的程序将不能再访问。")
    return redirect("web:api_tokens")
