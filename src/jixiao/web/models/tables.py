"""Target tables (目标表) as records with numbered versions; a submitted version never changes again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction

from .organization import Unit


class VersionIsFrozen(Exception):
    """Raised when code tries to change a version that has been submitted."""


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "审核通过"
    PUBLISHED = "published", "已公开"


class UploadedFile(models.Model):
    """An imported file, kept as uploaded (原始文件)."""

    name = models.CharField("文件名", max_length=255)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    detected_type = models.CharField("文件类型", max_length=20)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


#: Every list is of the tables not deleted: its indexes hold only those.
LIVE = models.Q(deleted_at__isnull=True)


class TableRecord(models.Model):
    """One project's target table for one year, across its versions."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="tables")
    year = models.PositiveIntegerField("年度")
    project_name = models.CharField("项目名称", max_length=300)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    #: the position, in the office's review chain (:mod:`.stages`), of the stage the table waits at
    stage = models.PositiveIntegerField("审核阶段", default=0)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True)  # a deleted draft, kept for its audit trail
    published_version = models.ForeignKey(
        "TableVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # the latest version's findings, kept here so the list can filter by severity
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: what the staff search looks in: the project's name, the unit's and the latest version's indicator names
    search_text = models.TextField(blank=True, default="")
    # the published version's name, year, department and search text, kept here so the public list sorts and
    # searches on columns of its own (an index each) instead of reading every published table's data
    public_name = models.CharField(max_length=300, blank=True, default="")
    public_year = models.PositiveIntegerField(default=0)  # 0: the published table has no year
    public_department = models.CharField(max_length=200, blank=True, default="")
    public_search = models.TextField(blank=True, default="")

    _counted_unit: int | None = None  # the unit whose counts hold the record, as it was read

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            # one per list ordering (keyset pagination reads an index range, never sorts the table)
            models.Index(fields=["-updated_at", "-id"], name="table_recent", condition=LIVE),
            models.Index(fields=["unit", "-updated_at", "-id"], name="table_unit_recent", condition=LIVE),
            models.Index(fields=["status", "-updated_at", "-id"], name="table_status_recent", condition=LIVE),
            # 待办's counts per state and stage, read from the index alone
            models.Index(fields=["status", "stage", "unit"], name="table_counts", condition=LIVE),
            models.Index(fields=["year"], name="table_year"),  # the list's 年度 choices: its first and last
            # the dashboards' counts of a year's tables per unit, read from the index alone on PostgreSQL
            models.Index(
                fields=["year", "unit"],
                include=["status", "error_count", "warning_count"],
                name="table_year_unit",
                condition=LIVE,
            ),
            models.Index(
                fields=["-public_year", "public_department", "public_name", "id"],
                name="table_public_order",
                condition=models.Q(published_version__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.project_name}"

    @classmethod
    def from_db(cls, *args: Any, **kwargs: Any) -> TableRecord:
        record = super().from_db(*args, **kwargs)
        record._counted_unit = record.__dict__.get("unit_id")  # None when not read (``only()``): not loaded for it
        return record

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved, and its unit's counts (:mod:`.tablecounts`) with it, and those of a unit it left."""
        from .tablecounts import recount

        with transaction.atomic():
            super().save(*args, **kwargs)
            recount([self.unit_id, self._counted_unit])
        self._counted_unit = self.unit_id

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        from .tablecounts import recount

        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            recount([self.unit_id, self._counted_unit])
        return deleted

    @property
    def latest(self) -> TableVersion:
        """The newest version; every record is created with its first one (:func:`workflow.create_table`)."""
        return self.versions.order_by("-number")[0]

    @property
    def department(self) -> Any:
        return self.unit.department


class TableVersion(models.Model):
    """One version of a table: editable while a draft, frozen from submission on.

    ``data`` holds the table as written (texts, not parsed values), see :mod:`jixiao.web.services.tabledata`.
    ``revision`` counts saves of the draft, for optimistic locking.
    """

    record = models.ForeignKey(TableRecord, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField()
    revision = models.PositiveIntegerField(default=1)
    frozen = models.BooleanField(default=False)
    is_adjustment = models.BooleanField("目标调整", default=False)
    explanations = models.JSONField(default=dict)  # finding key → the unit's written explanation
    source_file = models.ForeignKey(UploadedFile, null=True, blank=True, on_delete=models.PROTECT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["record", "number"]
        constraints = [models.UniqueConstraint(fields=["record", "number"], name="one_number_per_version")]

    def __str__(self) -> str:
        return f"{self.record} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and TableVersion.objects.filter(pk=self.pk, frozen=True).exists():
            raise VersionIsFrozen("已提交的版本不可修改")
        super().save(*args, **kwargs)


class Decision(models.Model):
    """A reviewer's decision on a submitted version, with comments per indicator."""

    class Outcome(models.TextChoices):
        RETURNED = "returned", "退回修改"
        APPROVED = "approved", "审核通过"

    version = models.ForeignKey(TableVersion, on_delete=models.PROTECT, related_name="decisions")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    stage_name = models.CharField("审核阶段", max_length=60, blank=True)
    comment = models.TextField("审核意见", blank=True)
    indicator_comments = models.JSONField(default=list)  # [{"index", "name", "comment"}]
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
