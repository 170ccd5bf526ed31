"""`manage.py add_user 用户名 --role ROLE [--unit 预算单位 | --department 主管部门]`: a user with one role."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ...models import Department, Role, RoleAssignment, Unit


class Command(BaseCommand):
    help = "添加一个用户并指定角色；密码随机生成并只显示一次"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values, help="角色")
        parser.add_argument("--name", default="", help="姓名")
        parser.add_argument("--unit", help="预算单位（单位填报人、单位负责人）")
        parser.add_argument("--department", help="主管部门（主管部门审核人）")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        role = options["role"]
        unit = department = None
        if role in (Role.CLERK, Role.UNIT_LEAD):
            unit = Unit.objects.filter(name=options["unit"] or "").first()
            if unit is None:
                raise CommandError(f"没有预算单位“{options['unit'] or ''}”：单位角色须用 --unit 指定已有的预算单位")
        if role == Role.DEPARTMENT_REVIEWER:
            department = Department.objects.filter(name=options["department"] or "").first()
            if department is None:
                raise CommandError(f"没有主管部门“{options['department'] or ''}”：请用 --department 指定")
        if get_user_model().objects.filter(username=options["username"]).exists():
            raise CommandError(f"用户“{options['username']}”已存在")
        password = secrets.token_urlsafe(12)
        user = get_user_model().objects.create_user(options["username"], password=password, first_name=options["name"])
        RoleAssignment.objects.create(user=user, role=role, unit=unit, department=department)
        self.stdout.write(f"已添加用户 {user.username}（{Role(role).label}），密码：{password}")
