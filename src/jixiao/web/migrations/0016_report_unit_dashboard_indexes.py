from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_unit_and_deleted(apps: Any, schema_editor: Any) -> None:
    """Each report takes its table's unit, and whether the table is deleted."""
    RoundReport = apps.get_model("web", "RoundReport")
    TableRecord = apps.get_model("web", "TableRecord")
    table = TableRecord.objects.filter(pk=OuterRef("record_id"))
    RoundReport.objects.update(unit_id=Subquery(table.values("unit_id")[:1]))
    RoundReport.objects.filter(record__deleted_at__isnull=False).update(table_deleted=True)


class Migration(migrations.Migration):

    dependencies = [
        ("web", "0015_finding_counts_unit_year"),
    ]

    operations = [
        migrations.AddField(
            model_name="roundreport",
            name="unit",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="web.unit"
            ),
        ),
        migrations.AddField(
            model_name="roundreport",
            name="table_deleted",
            field=models.BooleanField(default=False, verbose_name="目标表已删除"),
        ),
        migrations.AddField(
            model_name="roundreport",
            name="forecast_gap",
            field=models.CharField(blank=True, max_length=200, verbose_name="预计得分未算出的原因"),
        ),
        migrations.RunPython(copy_unit_and_deleted, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="roundreport",
            name="unit",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="web.unit"),
        ),
        migrations.AddIndex(
            model_name="roundreport",
            index=models.Index(
                condition=models.Q(table_deleted=False),
                fields=["round", "unit"],
                include=["status", "grade", "red_count", "yellow_count", "green_count", "error_count", "warning_count"],
                name="report_round_unit",
            ),
        ),
        migrations.RemoveIndex(model_name="findingcount", name="finding_count_year_unit"),
        migrations.AddIndex(
            model_name="findingcount",
            index=models.Index(fields=["year", "unit"], include=("code", "count"), name="finding_count_year_unit"),
        ),
        migrations.AddIndex(
            model_name="tablerecord",
            index=models.Index(
                condition=models.Q(deleted_at__isnull=True),
                fields=["year", "unit"],
                include=("status", "error_count", "warning_count"),
                name="table_year_unit",
            ),
        ),
    ]
