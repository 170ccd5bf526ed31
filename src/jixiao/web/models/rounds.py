"""填报 rounds (任务下发): 财政 asks chosen units for their 目标表, 监控表 or 自评表 by a deadline."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .organization import FinanceOffice, Unit


class RoundKind(models.TextChoices):
    TARGETS = "target", "目标申报"
    MONITORING = "monitor", "绩效监控"
    SELF_EVALUATION = "selfeval", "绩效自评"


class FilingRound(models.Model):
    office = models.ForeignKey(FinanceOffice, on_delete=models.PROTECT, related_name="rounds")
    kind = models.CharField("任务类型", max_length=20, choices=RoundKind.choices)
    year = models.PositiveIntegerField("年度")
    period = models.CharField("期间", max_length=40, blank=True)  # 绩效监控: 1-6月, 1-8月 …
    deadline = models.DateField("截止日期")
    units = models.ManyToManyField(Unit, related_name="rounds", verbose_name="填报单位")
    note = models.TextField("说明", blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed = models.BooleanField("已结束", default=False)

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["closed", "deadline", "id"], name="round_list_order")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        period = f"（{self.period}）" if self.period else ""
        return f"{self.year} 年度{self.get_kind_display()}{period}"


class RoundFiling(models.Model):
    """A 监控表 or 自评表 a unit filed for a round: the file as uploaded, and the report it filled in."""

    round = models.ForeignKey(FilingRound, on_delete=models.PROTECT, related_name="filings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    upload = models.ForeignKey("web.UploadedFile", on_delete=models.PROTECT, related_name="+")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    #: the report the file's entries went into (a 自评表 read into the web's self-evaluation)
    report = models.ForeignKey(
        "web.RoundReport", null=True, blank=True, on_delete=models.PROTECT, related_name="filings"
    )

    class Meta:
        ordering = ["-filed_at", "-id"]
