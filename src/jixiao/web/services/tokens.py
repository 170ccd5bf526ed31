"""API tokens: created (shown once) and revoked by their user, looked up by prefix, compared by SHA-256.

The secret is 32 random bytes, so a fast hash is enough: nobody can guess it, and a stolen table of digests gives
no token back. Each creation and revocation writes one entry to the audit trail, with the account as its subject,
saying which token, through the web or the API, and from where.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ..models import ApiToken, AuditAction
from . import audit

if TYPE_CHECKING:
    from ..accounts import User

PREFIX = "jx_"
#: A token's last use is written at most this often, so reading the API does not write on every request.
USE_RESOLUTION = datetime.timedelta(seconds=60)
#: Live tokens one user may hold at once.
MAX_LIVE = 20


class TokenRefused(Exception):
    """A token that cannot be created (no name, too many); the message says why."""


@dataclass(frozen=True)
class Issued:
    token: ApiToken
    secret: str  # the whole token, shown to its user once and never stored


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def create(user: User, *, name: str, via: str, address: str = "") -> Issued:
    name = name.strip()[:100]
    if not name:
        raise TokenRefused("请填写令牌名称（如：预算一体化系统对接）")
    with transaction.atomic():
        if live(user).count() >= MAX_LIVE:
            raise TokenRefused(f"每人最多 {MAX_LIVE} 个有效令牌，请先吊销不用的令牌")
        prefix = secrets.token_hex(6)
        secret = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(user=user, name=name, prefix=prefix, digest=digest(secret))
        _audit(token, actor=user, action=AuditAction.TOKEN_CREATE, via=via, address=address)
    return Issued(token, secret)


def live(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def revoke(token: ApiToken, *, actor: User, via: str, address: str = "") -> None:
    """Revoke ``token`` (its user's own): it no longer authenticates; revoking twice changes nothing."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            return
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        _audit(locked, actor=actor, action=AuditAction.TOKEN_REVOKE, via=via, address=address)


VIA = {"web": "网页", "api": "API"}


def _audit(token: ApiToken, *, actor: User, action: AuditAction, via: str, address: str) -> None:
    audit.record_account(
        actor=actor,
        action=action,
        subject=token.user,
        comment=f"{token.name}（jx_{token.prefix}_…），经{VIA.get(via, via)}，来自 {address or '未知地址'}",
        diff=[{"field": "api_token", "before": None, "after": f"jx_{token.prefix}_…"}],
    )


def user_for(secret: str) -> User | None:
    """The active user whose live token ``secret`` is, or None; notes the token's use."""
    if not secret.startswith(PREFIX) or secret.count("_") < 2:
        return None
    prefix = secret[len(PREFIX) :].split("_", 1)[0]
    token = (
        ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
