"""`manage.py add_unit 主管部门 预算单位...`: add a department (主管部门) and its units (预算单位)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from ...models import Department, FinanceOffice, Unit


class Command(BaseCommand):
    help = "添加主管部门及其预算单位（已存在的跳过）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("department", help="主管部门名称")
        parser.add_argument("units", nargs="*", help="预算单位名称")
        parser.add_argument("--office", default="财政部门", help="财政部门名称（数据库为空时创建）")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        office = FinanceOffice.objects.first() or FinanceOffice.objects.create(name=options["office"])
        department, _ = Department.objects.get_or_create(name=options["department"], defaults={"office": office})
        for name in options["units"]:
            unit, created = Unit.objects.get_or_create(name=name, defaults={"department": department})
            if unit.department_id != department.pk:
                self.stderr.write(f"预算单位“{name}”已属于“{unit.department.name}”，未改动")
            elif created:
                self.stdout.write(f"已添加预算单位：{department.name} / {name}")
