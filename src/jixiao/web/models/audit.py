"""The audit log (审计记录): who did what, when, with the before/after difference. Append-only, and a hash
chain (:mod:`jixiao.web.audit_chain`): each entry carries the hash of the one before it."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from .. import audit_chain

#: Any constant: the PostgreSQL advisory lock that queues writers of the chain, one entry at a time.
CHAIN_LOCK = 0x6A69786961  # "jixia"


class AuditLogIsAppendOnly(Exception):
    """Raised by any attempt to change or delete an audit entry."""


class AppendOnlyQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("审计记录不可修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("审计记录不可删除")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("审计记录不可修改")

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[AuditEntry]:
        raise AuditLogIsAppendOnly("审计记录须逐条写入，各自链接前一条")


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
    STAGES = "stages", "设置审核流程"
    USER_CREATE = "user_create", "新建用户"
    USER_CHANGE = "user_change", "修改用户"
    USER_DEACTIVATE = "user_deactivate", "停用用户"
    USER_REACTIVATE = "user_reactivate", "恢复用户"
    PASSWORD_RESET = "password_reset", "重置密码"
    LIBRARY = "library", "指标库整理"
    LINK = "link", "跨年度指标关联"
    TOKEN_CREATE = "token_create", "创建 API 令牌"
    TOKEN_REVOKE = "token_revoke", "吊销 API 令牌"
    PROFILE = "profile", "设置评分规则"


class AuditEntry(models.Model):
    #: the table the step was taken on; none for a step on the system as a whole (accounts, 指标库整理)
    table = models.ForeignKey("web.TableRecord", null=True, on_delete=models.PROTECT, related_name="audit_entries")
    #: The account an administrator's step concerns (a new user, a reset password); None for a table's steps.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="account_audit_entries"
    )
    version_number = models.PositiveIntegerField("版本", null=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    actor_name = models.CharField(max_length=150)  # kept as written, should the user be renamed
    action = models.CharField("操作", max_length=40, choices=AuditAction.choices)
    comment = models.TextField("说明", blank=True)
    diff = models.JSONField("前后差异", default=list)  # [{"field", "before", "after"}]
    created_at = models.DateTimeField("时间")
    sequence = models.PositiveBigIntegerField("序号", unique=True)  # 1, 2, 3 … across the whole trail
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly("审计记录不可修改")
        with transaction.atomic(using=kwargs.get("using")):
            self._link_to_head()
            super().save(*args, **kwargs)

    def _link_to_head(self) -> None:
        """Take the next sequence number and the head's hash, holding the chain until this transaction ends (on
        SQLite every transaction already holds the write lock from its start)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        head = AuditEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
        self.sequence = head.sequence + 1 if head else 1
        self.previous_hash = head.entry_hash if head else audit_chain.GENESIS
        self.created_at = timezone.now()
        self.entry_hash = audit_chain.digest(self.chain_fields(), self.created_at, self.previous_hash)

    def chain_fields(self) -> dict[str, Any]:
        """The fields the hash covers, as the database gives them back (the diff through a JSON round trip)."""
        names = (*audit_chain.HASHED_FIELDS, *audit_chain.HASHED_WHEN_SET)
        fields = {name: getattr(self, name) for name in names if name != "diff"}
        fields["diff"] = json.loads(json.dumps(self.diff))
        return fields

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("审计记录不可删除")
