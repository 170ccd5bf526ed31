"""A scan's reading (扫描件识别): OCR runs once in the background; a person confirms its doubtful cells."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .tables import UploadedFile


class ScanState(models.TextChoices):
    READING = "reading", "识别中"
    READ = "read", "已识别"
    FAILED = "failed", "识别失败"


class ScanReading(models.Model):
    """What OCR read in an uploaded scan, page by page, and who confirmed its doubtful cells.

    ``grids`` holds the grids as :mod:`jixiao.grid_json` writes them; corrections are applied to them, so the
    tables are always built from what the person confirmed.
    """

    upload = models.OneToOneField(UploadedFile, on_delete=models.CASCADE, related_name="scan")
    state = models.CharField("状态", max_length=20, choices=ScanState.choices, default=ScanState.READING)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    grids = models.JSONField(null=True)
    error = models.TextField(blank=True)
    corrected = models.PositiveIntegerField("核对处数", default=0)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.upload.name}（{self.get_state_display()}）"
