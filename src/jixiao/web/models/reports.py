"""Reports on a target table in a round: a unit's 绩效运行监控 (双监控) or 绩效自评 of one approved 目标表.

A report goes through its office's review chain (:mod:`.stages`) like the table itself — 草稿 → 提交 → 审核 →
审核通过 → 公开 — with the same :class:`~.tables.Status` and stage position. ``data`` keeps what the unit typed
(texts, as the table's own versions do); the computed lights, scores and counts are kept beside it for the
lists and dashboards, refreshed on every save.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction

from .organization import Unit
from .rounds import FilingRound
from .tables import Decision, Status, TableRecord, TableVersion, UploadedFile


class RoundReport(models.Model):
    """One target table's 监控表 or 自评表 for one round (the round's kind says which)."""

    round = models.ForeignKey(FilingRound, on_delete=models.PROTECT, related_name="reports")
    record = models.ForeignKey(TableRecord, on_delete=models.PROTECT, related_name="reports")
    # the record's unit, and whether the record is deleted, kept here so a dashboard counts a round's reports per
    # unit without joining the tables (set when the report is made, changed with the table: services/reports.py)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    table_deleted = models.BooleanField("目标表已删除", default=False)
    #: the target version reported on: the approved (or adjusted) one when the report was started
    version = models.ForeignKey(TableVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    stage = models.PositiveIntegerField("审核阶段", default=0)
    data = models.JSONField(default=dict)  # the entries as typed, see services/monitoring.py, services/selfeval.py
    revision = models.PositiveIntegerField(default=1)  # counts saves, for optimistic locking
    source_file = models.ForeignKey(UploadedFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    #: the office's scoring profile when the report was submitted: it is scored under it from then on (a published
    #: self-evaluation keeps its scores when the office changes its profile); blank while the unit fills it in
    profile = models.CharField("评分规则", max_length=40, blank=True, default="")
    # computed on every save
    budget_light = models.CharField("预算执行灯", max_length=10, blank=True)  # green / yellow / red / ""
    red_count = models.PositiveIntegerField("红灯数", default=0)  # budget and indicators
    yellow_count = models.PositiveIntegerField("黄灯数", default=0)
    green_count = models.PositiveIntegerField("绿灯数", default=0)
    total = models.DecimalField("总分", max_digits=7, decimal_places=2, null=True, blank=True)  # 监控: forecast
    forecast_gap = models.CharField("预计得分未算出的原因", max_length=200, blank=True)  # 监控, when total is None
    grade = models.CharField("等级", max_length=10, blank=True)
    override_count = models.PositiveIntegerField("手工改分数", default=0)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "record"], name="one_report_per_table_and_round")]
        indexes = [
            # a round's reports of a unit, with the columns their kept tallies count (.reporttallies) in the index
            # itself (PostgreSQL reads them from the index alone)
            models.Index(
                fields=["round", "unit"],
                include=["status", "grade", "red_count", "yellow_count", "green_count", "error_count", "warning_count"],
                condition=models.Q(table_deleted=False),
                name="report_round_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record.project_name} · {self.round.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved, and its round's counts for its unit (:mod:`.reporttallies`) with it."""
        from .reporttallies import recount

        if self.unit_id is None:  # a new report is counted in its table's unit
            self.unit_id = self.record.unit_id
        with transaction.atomic():
            super().save(*args, **kwargs)
            recount([(self.round_id, self.unit_id)])

    @property
    def kind(self) -> str:
        return self.round.kind


class ReportDecision(models.Model):
    """A reviewer's decision on a submitted report, at the stage it waited at."""

    report = models.ForeignKey(RoundReport, on_delete=models.PROTECT, related_name="decisions")
    revision = models.PositiveIntegerField()  # the report's revision decided on
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    outcome = models.CharField(max_length=20, choices=Decision.Outcome.choices)
    stage_name = models.CharField("审核阶段", max_length=60, blank=True)
    comment = models.TextField("审核意见", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
