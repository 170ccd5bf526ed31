from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery, Sum


def copy_unit_and_deleted(apps: Any, schema_editor: Any) -> None:
    """Each report takes its table's unit, and whether the table is deleted."""
    RoundReport = apps.get_model("web", "RoundReport")
    TableRecord = apps.get_model("web", "TableRecord")
    table = TableRecord.objects.filter(pk=OuterRef("record_id"))
    RoundReport.objects.update(unit_id=Subquery(table.values("unit_id")[:1]))
    RoundReport.objects.filter(record__deleted_at__isnull=False).update(table_deleted=True)


def sum_rule_counts(apps: Any, schema_editor: Any) -> None:
    """The per-rule counts summed per unit and year."""
    FindingCount = apps.get_model("web", "FindingCount")
    RuleTally = apps.get_model("web", "RuleTally")
    sums = FindingCount.objects.order_by().values("year", "unit_id", "code").annotate(n=Sum("count"), t=Count("id"))
    RuleTally.objects.bulk_create(
        (RuleTally(year=s["year"], unit_id=s["unit_id"], code=s["code"], findings=s["n"], tables=s["t"]) for s in sums),
        batch_size=5000,
    )


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
        migrations.AddIndex(
            model_name="tablerecord",
            index=models.Index(
                condition=models.Q(deleted_at__isnull=True),
                fields=["year", "unit"],
                include=("status", "error_count", "warning_count"),
                name="table_year_unit",
            ),
        ),
        migrations.CreateModel(
            name="RuleTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveIntegerField(verbose_name="年度")),
                ("code", models.CharField(max_length=20, verbose_name="规则")),
                ("findings", models.IntegerField(default=0, verbose_name="条数")),
                ("tables", models.IntegerField(default=0, verbose_name="目标表数")),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="web.unit"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("year", "unit", "code"), name="one_tally_per_unit_year_rule")
                ],
            },
        ),
        migrations.RunPython(sum_rule_counts, migrations.RunPython.noop),
    ]
