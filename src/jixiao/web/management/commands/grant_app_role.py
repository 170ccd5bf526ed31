"""``python -m jixiao.web.manage grant_app_role ROLE``, run as the owner after each ``migrate`` (PostgreSQL).

The app's role may read and write every table of the app, but only read and add audit entries.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from ...dbroles import grant_statements


class Command(BaseCommand):
    help = "授予网页应用的数据库角色所需权限（PostgreSQL）：审计表只能读取和追加"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="网页应用连接数据库所用的角色")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("只有 PostgreSQL 有数据库角色；SQLite 不需要这一步")
        role = options["role"]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"数据库中没有角色“{role}”（先以 CREATE ROLE 建立）")
            cursor.execute("SELECT current_schema()")
            (schema,) = cursor.fetchone() or ("public",)
            for statement in grant_statements(role, schema):
                cursor.execute(statement)
        self.stdout.write(f"已授权“{role}”：读写应用各表，审计表只能读取和追加。")
