from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Q, Sum

STATUSES = ("draft", "submitted", "returned", "approved", "published")


def count_reports(apps: Any, schema_editor: Any) -> None:
    """The reports already written, counted per round and unit as their saves will keep them."""
    RoundReport = apps.get_model("web", "RoundReport")
    ReportTally = apps.get_model("web", "ReportTally")
    breaks = Q(status="published") & (Q(error_count__gt=0) | Q(warning_count__gt=0))
    rows = (
        RoundReport.objects.filter(table_deleted=False)
        .order_by()
        .values_list("round_id", "unit_id", "status", "grade")
        .annotate(
            n=Count("id"),
            red=Sum("red_count"),
            yellow=Sum("yellow_count"),
            green=Sum("green_count"),
            breaking=Count("id", filter=breaks),
        )
    )
    tallies: dict[tuple[int, int], Any] = {}
    for round_id, unit, status, grade, n, red, yellow, green, breaking in rows.iterator():
        tally = tallies.setdefault((round_id, unit), ReportTally(round_id=round_id, unit_id=unit, count=0, grades={}))
        tally.count += n
        setattr(tally, status, getattr(tally, status) + n)
        tally.red, tally.yellow, tally.green = tally.red + red, tally.yellow + yellow, tally.green + green
        tally.breaking += breaking
        tally.grades[grade] = tally.grades.get(grade, 0) + n
    for tally in tallies.values():
        tally.grades = dict(sorted(tally.grades.items()))
    ReportTally.objects.bulk_create(tallies.values(), batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0019_table_count_sums"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportTally",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("count", models.PositiveIntegerField(verbose_name="份数")),
                ("draft", models.PositiveIntegerField(default=0, verbose_name="草稿")),
                ("submitted", models.PositiveIntegerField(default=0, verbose_name="已提交")),
                ("returned", models.PositiveIntegerField(default=0, verbose_name="退回修改")),
                ("approved", models.PositiveIntegerField(default=0, verbose_name="审核通过")),
                ("published", models.PositiveIntegerField(default=0, verbose_name="已公开")),
                ("red", models.PositiveIntegerField(default=0, verbose_name="红灯")),
                ("yellow", models.PositiveIntegerField(default=0, verbose_name="黄灯")),
                ("green", models.PositiveIntegerField(default=0, verbose_name="绿灯")),
                ("breaking", models.PositiveIntegerField(default=0, verbose_name="得分不合规则的已公开自评")),
                ("grades", models.JSONField(default=dict, verbose_name="各等级份数")),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="web.filinground"
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="web.unit"),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("round", "unit"), name="one_report_tally")],
            },
        ),
        migrations.RunPython(count_reports, migrations.RunPython.noop),
    ]
