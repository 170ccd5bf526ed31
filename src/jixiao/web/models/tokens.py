"""API tokens (API 令牌): each user creates and revokes their own; only a hash of the secret is stored.

A token reads ``jx_<prefix>_<secret>``: the prefix finds the row, the SHA-256 of the whole token is compared with
the stored one. Creating and revoking a token are entries of the audit trail (the account's, as its subject).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField("名称", max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)  # SHA-256 of the whole token, hex
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name}（jx_{self.prefix}_…）"
