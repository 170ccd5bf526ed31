"""`manage.py set_profile hubei`: the rules the finance office scores self-evaluations and lights monitoring by
(audited, refused while reports are in review, as on the 评分规则 page: :mod:`~jixiao.web.services.profiles`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...models import FinanceOffice, ScoringProfile
from ...services import profiles


class Command(BaseCommand):
    help = "设置财政部门的评分规则（national、hubei、sichuan、xinjiang、anhui）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "profile", help="评分规则：" + "、".join(f"{v}（{label}）" for v, label in ScoringProfile.choices)
        )
        parser.add_argument("--office", help="财政部门名称（只有一个财政部门时可省略）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["profile"] not in ScoringProfile.values:
            raise CommandError(f"没有评分规则“{options['profile']}”，可选：{'、'.join(ScoringProfile.values)}")
        offices = FinanceOffice.objects.all()
        if options["office"]:
            offices = offices.filter(name=options["office"])
        if offices.count() != 1:
            raise CommandError("请用 --office 指明财政部门" if offices.count() > 1 else "没有这个财政部门")
        office = offices.get()
        try:
            rescored = profiles.change(office, options["profile"], actor=None, via="manage.py set_profile")
        except profiles.ProfileRefused as refused:
            raise CommandError(str(refused)) from None
        office.refresh_from_db()
        self.stdout.write(f"{office.name}的评分规则：{office.get_profile_display()}（重新计分 {rescored} 份草稿）")
