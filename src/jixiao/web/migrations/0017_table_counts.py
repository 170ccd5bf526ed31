from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import BooleanField, Count, ExpressionWrapper, Q


def count_tables(apps: Any, schema_editor: Any) -> None:
    """The counts of the tables there are: per unit, year, status, stage and whether free of errors."""
    TableCount = apps.get_model("web", "TableCount")
    TableRecord = apps.get_model("web", "TableRecord")
    no_errors = ExpressionWrapper(Q(error_count=0), output_field=BooleanField())
    rows = (
        TableRecord.objects.filter(deleted_at__isnull=True)
        .order_by()
        .annotate(error_free=no_errors)
        .values_list("unit_id", "year", "status", "stage", "error_free")
        .annotate(n=Count("id"))
    )
    TableCount.objects.bulk_create(
        (
            TableCount(unit_id=unit, year=year, status=status, stage=stage, error_free=bool(is_error_free), count=n)
            for unit, year, status, stage, is_error_free, n in rows.iterator()
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0016_dashboard_copies_and_sums"),
    ]

    operations = [
        migrations.CreateModel(
            name="TableCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveIntegerField(verbose_name="年度")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "草稿"),
                            ("submitted", "已提交"),
                            ("returned", "退回修改"),
                            ("approved", "审核通过"),
                            ("published", "已公开"),
                        ],
                        max_length=20,
                        verbose_name="状态",
                    ),
                ),
                ("stage", models.PositiveIntegerField(verbose_name="审核阶段")),
                ("error_free", models.BooleanField(verbose_name="无错误")),
                ("count", models.PositiveIntegerField(verbose_name="张数")),
                (
                    "unit",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="web.unit"),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["year", "unit"], name="table_count_year_unit")],
                "constraints": [
                    models.UniqueConstraint(fields=("unit", "year", "status", "stage", "error_free"), name="one_table_count")
                ],
            },
        ),
        migrations.RunPython(count_tables, migrations.RunPython.noop),
    ]
