from typing import Any

from django.db import migrations, models
from django.db.models import BooleanField, ExpressionWrapper, Q, Sum


def sum_findings(apps: Any, schema_editor: Any) -> None:
    """The errors and warnings of the tables each kept count counts, summed onto it."""
    TableCount = apps.get_model("web", "TableCount")
    TableRecord = apps.get_model("web", "TableRecord")
    no_errors = ExpressionWrapper(Q(error_count=0), output_field=BooleanField())
    rows = (
        TableRecord.objects.filter(deleted_at__isnull=True)
        .order_by()
        .annotate(error_free=no_errors)
        .values_list("unit_id", "year", "status", "stage", "error_free")
        .annotate(errors=Sum("error_count"), warnings=Sum("warning_count"))
    )
    sums = {
        (unit, year, status, stage, bool(free)): (errors or 0, warnings or 0)
        for unit, year, status, stage, free, errors, warnings in rows.iterator()
    }
    changed = []
    for count in TableCount.objects.all().iterator():
        errors, warnings = sums.get((count.unit_id, count.year, count.status, count.stage, count.error_free), (0, 0))
        if (errors, warnings) != (0, 0):
            count.errors, count.warnings = errors, warnings
            changed.append(count)
    TableCount.objects.bulk_update(changed, ["errors", "warnings"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0018_report_profile"),
    ]

    operations = [
        migrations.AddField(
            model_name="tablecount",
            name="errors",
            field=models.PositiveIntegerField(default=0, verbose_name="错误条数"),
        ),
        migrations.AddField(
            model_name="tablecount",
            name="warnings",
            field=models.PositiveIntegerField(default=0, verbose_name="警告条数"),
        ),
        migrations.RunPython(sum_findings, migrations.RunPython.noop),
    ]
