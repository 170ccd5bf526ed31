"""The audit log (审计记录): who did what, when, with the before/after difference. Append-only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditLogIsAppendOnly(Exception):
    """Raised by any attempt to change or delete an audit entry."""


class AppendOnlyQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("审计记录不可修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("审计记录不可删除")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("审计记录不可修改")


class AuditAction(models.TextChoices):
    """What an audit entry records: one workflow step."""

    CREATE = "create", "新建"
    IMPORT = "import", "导入"
    EDIT = "edit", "修改"
    SUBMIT = "submit", "提交"
    RETURN = "return", "退回修改"
    APPROVE = "approve", "审核通过"
    PUBLISH = "publish", "公开"
    ADJUST = "adjust", "目标调整"
    DELETE = "delete", "删除草稿"
    COMMENT = "comment", "意见"


class AuditEntry(models.Model):
    table = models.ForeignKey("web.TableRecord", on_delete=models.PROTECT, related_name="audit_entries")
    version_number = models.PositiveIntegerField("版本", null=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    actor_name = models.CharField(max_length=150)  # kept as written, should the user be renamed
    action = models.CharField("操作", max_length=40, choices=AuditAction.choices)
    comment = models.TextField("说明", blank=True)
    diff = models.JSONField("前后差异", default=list)  # [{"field", "before", "after"}]
    created_at = models.DateTimeField("时间", auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly("审计记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("审计记录不可删除")
