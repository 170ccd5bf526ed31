"""`manage.py send_reminders`: remind units of deadlines near and passed (for cron; run it as often as you like)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ...services import rounds


class Command(BaseCommand):
    help = "向尚未提交的填报单位发送临近截止和逾期提醒（每条提醒只发一次，可反复运行）"

    def handle(self, *args: Any, **options: Any) -> None:
        made = rounds.send_reminders()
        self.stdout.write(f"已发送 {made} 条提醒")
