from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_unit_and_year(apps: Any, schema_editor: Any) -> None:
    """Each count takes its table's unit and year; a deleted draft's counts go."""
    FindingCount = apps.get_model("web", "FindingCount")
    TableRecord = apps.get_model("web", "TableRecord")
    FindingCount.objects.filter(record__deleted_at__isnull=False).delete()
    table = TableRecord.objects.filter(pk=OuterRef("record_id"))
    FindingCount.objects.update(
        unit_id=Subquery(table.values("unit_id")[:1]), year=Subquery(table.values("year")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ("web", "0014_api_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="findingcount",
            name="unit",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="web.unit"
            ),
        ),
        migrations.AddField(
            model_name="findingcount",
            name="year",
            field=models.PositiveIntegerField(null=True, verbose_name="年度"),
        ),
        migrations.RunPython(copy_unit_and_year, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="findingcount",
            name="unit",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="web.unit"),
        ),
        migrations.AlterField(
            model_name="findingcount",
            name="year",
            field=models.PositiveIntegerField(verbose_name="年度"),
        ),
        migrations.AddIndex(
            model_name="findingcount",
            index=models.Index(fields=["year", "unit"], name="finding_count_year_unit"),
        ),
    ]
