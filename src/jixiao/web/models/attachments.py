"""佐证资料 files: evidence attached to a table or one of its indicators, kept outside the web root."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Attachment(models.Model):
    record = models.ForeignKey("web.TableRecord", on_delete=models.PROTECT, related_name="attachments")
    indicator = models.PositiveIntegerField("指标序号", null=True, blank=True)  # 0-based; none: the whole table
    indicator_name = models.CharField("三级指标", max_length=300, blank=True)
    name = models.CharField("文件名", max_length=255)
    kind = models.CharField("文件类型", max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=100)  # the file's name in JIXIAO_ATTACHMENT_DIR
    public = models.BooleanField("随目标表公开", default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["indicator", "id"]

    def __str__(self) -> str:
        return self.name
