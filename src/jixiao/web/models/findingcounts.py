"""Per-rule finding counts of each table's latest version, and their sums per unit and year, kept so dashboards
count by rule with one small query."""

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
        indexes = [models.Index(fields=["code"]), models.Index(fields=["year", "unit"], name="finding_count_year_unit")]

    def __str__(self) -> str:
        return f"{self.record_id} {self.code} × {self.count}"


class RuleTally(models.Model):
    """The findings of rule ``code`` in ``unit``'s tables of ``year`` and how many tables have some: the sum of their
    :class:`FindingCount` rows, changed with them (:mod:`jixiao.web.services.ruletallies`)."""

    unit = models.ForeignKey("web.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("年度")
    code = models.CharField("规则", max_length=20)
    findings = models.IntegerField("条数", default=0)
    tables = models.IntegerField("目标表数", default=0)  # 0: no table of the unit meets the rule now

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "unit", "code"], name="one_tally_per_unit_year_rule")]

    def __str__(self) -> str:
        return f"{self.year} {self.unit_id} {self.code}: {self.findings} / {self.tables}"
