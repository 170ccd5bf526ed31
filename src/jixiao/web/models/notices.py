"""The in-app inbox (通知): one notice per person per event, read or unread, mailed when the person has an address."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NoticeKind(models.TextChoices):
    TASK = "task", "填报任务"
    READY = "ready", "待提交"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "审核通过"
    PUBLISHED = "published", "已公开"
    COMMENT = "comment", "新意见"
    DEADLINE_NEAR = "deadline_near", "临近截止"
    OVERDUE = "overdue", "已逾期"


class Notice(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField("类别", max_length=20, choices=NoticeKind.choices)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=300, blank=True)
    table = models.ForeignKey("web.TableRecord", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    #: a reminder's identity (round, unit, kind): the same reminder is never made, nor mailed, twice
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读", null=True, blank=True)
    emailed_at = models.DateTimeField("已发邮件", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at", "-id"], name="notice_inbox")]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], condition=~models.Q(key=""), name="one_notice_per_reminder")
        ]

    def __str__(self) -> str:
        return self.title
