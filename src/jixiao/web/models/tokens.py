"""API tokens (API 令牌): each user creates and revokes their own; only a hash of the secret is stored.

A token reads ``jx_<prefix>_<secret>``: the prefix finds the row, the SHA-256 of the whole token is compared with
the stored one. Creating and revoking a token is recorded in :class:`ApiTokenEvent`, which is append-only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class ApiTokenEventsAreAppendOnly(Exception):
    """Raised by any attempt to change or delete a token event."""


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


class ApiTokenEventQuerySet(models.QuerySet["ApiTokenEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise ApiTokenEventsAreAppendOnly("令牌记录不可修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ApiTokenEventsAreAppendOnly("令牌记录不可删除")


class ApiTokenEvent(models.Model):
    """Who created or revoked which token, when, from where, through the web or the API."""

    class Action(models.TextChoices):
        CREATE = "create", "创建"
        REVOKE = "revoke", "吊销"

    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    via = models.CharField("途径", max_length=10)  # "web" or "api"
    address = models.CharField("地址", max_length=64, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    objects = ApiTokenEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ApiTokenEventsAreAppendOnly("令牌记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ApiTokenEventsAreAppendOnly("令牌记录不可删除")
