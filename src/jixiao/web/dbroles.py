"""Who the app connects to PostgreSQL as: not the owner of the audit table.

The owner of a table can truncate it, alter it and disable its triggers, whatever the append-only trigger says.
A deployment therefore has two roles: an owner that runs ``migrate`` and ``grant_app_role``, and the app's role,
which may read and add audit entries but not change, delete or truncate them. :func:`owner_problem` says when the
app's connection could rewrite the trail; the system check shows it (``check --deploy``) and, with
``JIXIAO_REFUSE_DB_OWNER`` (on in production), the app refuses to start.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection

AUDIT_TABLE = "web_auditentry"

PRIVILEGES = """
SELECT pg_get_userbyid(c.relowner) = current_user,
       (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
       has_table_privilege(c.oid, 'TRUNCATE'),
       has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE'),
       current_user
FROM pg_class c WHERE c.oid = to_regclass(%s)
"""


def owner_problem() -> str | None:
    """Why this connection could rewrite the audit trail, or None (also on SQLite: no roles there)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(PRIVILEGES, [AUDIT_TABLE])
        row = cursor.fetchone()
    if row is None:  # not migrated yet
        return None
    owner, superuser, truncate, change, role = row
    if superuser:
        return f"网页应用以超级用户“{role}”连接数据库，可清空或改写审计记录"
    if owner:
        return f"网页应用以审计表的所有者“{role}”连接数据库，可清空、改动审计表或停用其触发器"
    if truncate or change:
        return f"数据库角色“{role}”对审计表有修改、删除或清空的权限"
    return None


HINT = (
    "以所有者角色运行 migrate 和 grant_app_role 应用角色，网页应用改用应用角色连接（见 README“部署”）；"
    "确需如此时设 JIXIAO_REFUSE_DB_OWNER=0。"
)


@checks.register(checks.Tags.security, deploy=True)
def check_app_role(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        problem = owner_problem()
    except DatabaseError:  # no database reachable: other checks say so
        return []
    return [checks.Warning(problem, hint=HINT, id="jixiao.W001")] if problem else []


def refuse_owner_connection() -> None:
    """At start-up, with ``JIXIAO_REFUSE_DB_OWNER``: refuse to serve as a role that could rewrite the trail."""
    if not getattr(settings, "JIXIAO_REFUSE_DB_OWNER", False):
        return
    problem = owner_problem()
    if problem:
        raise ImproperlyConfigured(f"{problem}。{HINT}")


def grant_statements(role: str, schema: str) -> list[str]:
    quote = connection.ops.quote_name
    return [
        f"GRANT USAGE ON SCHEMA {quote(schema)} TO {quote(role)}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {quote(schema)} TO {quote(role)}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quote(schema)} TO {quote(role)}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(AUDIT_TABLE)} FROM {quote(role)}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {quote('django_migrations')} FROM {quote(role)}",
    ]
