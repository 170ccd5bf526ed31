"""A reviewer's decisions on links between a project's indicators of two years (跨年度指标关联)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .organization import Unit


class IndicatorLink(models.Model):
    """One proposed link a reviewer accepted (kept whatever the names say) or broke (never proposed again).

    A project is its unit and its name without the year (:func:`jixiao.library.names.project_key`); an indicator
    is its year and its 三级指标 name as written.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    project = models.CharField("项目", max_length=300)
    earlier_year = models.PositiveIntegerField("上年")
    earlier_name = models.CharField("上年指标", max_length=500)
    later_year = models.PositiveIntegerField("本年")
    later_name = models.CharField("本年指标", max_length=500)
    accepted = models.BooleanField("确认关联")  # False: the link is broken
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "project", "earlier_year", "earlier_name", "later_year", "later_name"],
                name="one_decision_per_link",
            )
        ]
        ordering = ["decided_at", "id"]
