"""Per-rule finding counts of each table's latest version, kept so dashboards count by rule with one query."""

from __future__ import annotations

from django.db import models


class FindingCount(models.Model):
    """How many findings of rule ``code`` the review made on ``record``'s latest version (refreshed with it)."""

    record = models.ForeignKey("web.TableRecord", on_delete=models.CASCADE, related_name="finding_counts")
    # the record's unit and year, kept here so a dashboard counts by rule without joining the tables
    unit = models.ForeignKey("web.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("年度")
    code = models.CharField("规则", max_length=20)
    severity = models.CharField("级别", max_length=10)
    count = models.PositiveIntegerField("条数")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "code"], name="one_count_per_rule")]
        indexes = [
            models.Index(fields=["code"]),
            # the dashboards' per-rule counts of a year's units, read from the index alone on PostgreSQL
            models.Index(fields=["year", "unit"], include=["code", "count"], name="finding_count_year_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.record_id} {self.code} × {self.count}"
