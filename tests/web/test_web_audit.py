"""The audit log is append-only: the ORM refuses changes and deletes, and so does PostgreSQL itself."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from jixiao.web.models import AuditEntry, AuditLogIsAppendOnly


def test_an_entry_cannot_be_saved_again(draft: Any) -> None:
    entry = AuditEntry.objects.get(table=draft)
    entry.comment = "改写历史"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()


def test_an_entry_cannot_be_deleted(draft: Any) -> None:
    entry = AuditEntry.objects.get(table=draft)
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(table=draft).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(table=draft).update(comment="改写历史")
    assert AuditEntry.objects.get(table=draft).comment == ""


@pytest.mark.postgres
def test_postgresql_refuses_raw_updates(draft: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the database trigger exists only there (.ci/run tests it)")
    refused = pytest.raises(DatabaseError, match="审计记录不可修改或删除")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE web_auditentry SET comment = 'x'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM web_auditentry")
