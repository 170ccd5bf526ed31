"""``python -m jixiao.web.manage check_table_counts [--fix]``: are the kept counts of the tables right?

Counts the tables again per unit, year, status, stage and freedom from errors, sums their errors and warnings, and
compares with what 待办, the rounds' progress and the 统计 page read (:mod:`jixiao.web.models.tablecounts`). Exit 0
when they agree, 1 (and one line per difference) when not; ``--fix`` then writes the recount.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...models import Status, tablecounts


def _tally(tally: tablecounts.Tally) -> str:
    tables, errors, warnings = tally
    return f"{tables} 张（错误 {errors} 条、警告 {warnings} 条）"


class Command(BaseCommand):
    help = "核对目标表计数（待办、填报进度所用）与目标表本身是否一致；--fix 按目标表重新计数"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fix", action="store_true", help="不一致时按目标表重新计数")

    def handle(self, *args: Any, **options: Any) -> None:
        differences = tablecounts.drift()
        if not differences:
            self.stdout.write("目标表计数与目标表一致。")
            return
        for (unit, year, status, stage, error_free), have, want in differences:
            state = f"{Status(status).label}、第 {stage} 阶段、{'无错误' if error_free else '有错误'}"
            self.stderr.write(f"单位 {unit} {year} 年（{state}）：记为 {_tally(have)}，实有 {_tally(want)}")
        if options["fix"]:
            tablecounts.recount()
            self.stdout.write(f"已按目标表重新计数（{len(differences)} 处不一致）。")
            return
        raise CommandError(f"目标表计数不一致：{len(differences)} 处", returncode=1)
