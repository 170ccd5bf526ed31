"""``python -m jixiao.web.manage check_table_counts [--fix]``: are the kept counts of the tables and reports right?

Counts the tables again per unit, year, status, stage and freedom from errors, sums their errors and warnings, and
compares with what 待办, the rounds' progress and the 统计 page read (:mod:`jixiao.web.models.tablecounts`); counts
a round's reports again per unit and compares with the 统计 page's report tallies
(:mod:`jixiao.web.models.reporttallies`). Exit 0 when they agree, 1 (and one line per difference) when not;
``--fix`` then writes the recount.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...models import Status, reporttallies, tablecounts


def _tally(tally: tablecounts.Tally) -> str:
    tables, errors, warnings = tally
    return f"{tables} 张（错误 {errors} 条、警告 {warnings} 条）"


def _reports(tally: reporttallies.Tally) -> str:
    statuses = "、".join(f"{Status(status).label} {n}" for status, n in sorted(tally.statuses.items()))
    grades = "、".join(f"{grade or '未评分'} {n}" for grade, n in sorted(tally.grades.items()))
    lights = f"红 {tally.red}、黄 {tally.yellow}、绿 {tally.green}"
    return f"{tally.count} 份（{statuses or '—'}；灯 {lights}；等级 {grades or '—'}；得分不合规则 {tally.breaking}）"


class Command(BaseCommand):
    help = "核对目标表计数（待办、填报进度所用）和报告计数（统计所用）与目标表、报告本身是否一致；--fix 重新计数"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fix", action="store_true", help="不一致时按目标表重新计数")

    def handle(self, *args: Any, **options: Any) -> None:
        differences = tablecounts.drift()
        report_differences = reporttallies.drift()
        if not differences and not report_differences:
            self.stdout.write("目标表计数与目标表一致，报告计数与报告一致。")
            return
        for (unit, year, status, stage, error_free), have, want in differences:
            state = f"{Status(status).label}、第 {stage} 阶段、{'无错误' if error_free else '有错误'}"
            self.stderr.write(f"单位 {unit} {year} 年（{state}）：记为 {_tally(have)}，实有 {_tally(want)}")
        for (round_id, unit), kept, counted in report_differences:
            where = f"填报任务 {round_id} 单位 {unit} 的报告"
            self.stderr.write(f"{where}：记为 {_reports(kept)}，实有 {_reports(counted)}")
        found = len(differences) + len(report_differences)
        if options["fix"]:
            tablecounts.recount()
            reporttallies.recount()
            self.stdout.write(f"已按目标表和报告重新计数（{found} 处不一致）。")
            return
        raise CommandError(f"计数不一致：{found} 处", returncode=1)
