"""The audit trail as a hash chain: ``verify_audit`` finds a deleted, an edited or a cut-off entry; on PostgreSQL
the app's role cannot truncate, change or delete the trail, and connecting as its owner is flagged."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import DatabaseError, connection, transaction

from jixiao.web import audit_chain, dbroles
from jixiao.web.models import AuditEntry
from jixiao.web.services import workflow

postgresql_only = pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""), reason="roles and triggers exist only on PostgreSQL"
)


def tamper(sql: str, params: list[Any] | None = None) -> None:
    """Change the table behind the app's back, as someone with the database's own rights could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off, as the owner can
        cursor.execute(sql, params or [])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


@pytest.fixture
def trail(draft: Any, users: dict[str, Any], submit: Any) -> list[AuditEntry]:
    """Five entries over two tables: create, edit, submit, return of the draft; create of a second table."""
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "12户"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    submit(draft, users["unitlead"])
    workflow.return_for_changes(draft, actor=users["deptreviewer"], version=1, comment="请核实")
    workflow.create_table(draft.unit, actor=users["clerk"], data=copy.deepcopy(data))
    return list(AuditEntry.objects.all())


def verify(*args: str) -> tuple[int, str, str]:
    """Run the command as the shell does: its exit status, stdout and stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err)
    except CommandError as failed:
        err.write(str(failed))
        return failed.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_each_entry_points_at_the_one_before(trail: list[AuditEntry]) -> None:
    assert [e.sequence for e in trail] == [1, 2, 3, 4, 5]
    assert trail[0].previous_hash == audit_chain.GENESIS
    assert [e.previous_hash for e in trail[1:]] == [e.entry_hash for e in trail[:-1]]
    assert [e.action for e in trail] == ["create", "edit", "submit", "return", "create"]
    stored = AuditEntry.objects.get(sequence=2)  # as read back from the database, the hash still holds
    assert audit_chain.digest(stored.chain_fields(), stored.created_at, stored.previous_hash) == stored.entry_hash
    status, out, err = verify()
    assert (status, err) == (0, "")
    assert f"共 5 条，链首（第 5 条）哈希 {trail[-1].entry_hash}" in out


def test_a_deleted_entry_is_found(trail: list[AuditEntry]) -> None:
    tamper("DELETE FROM web_auditentry WHERE sequence = 3")
    status, _out, err = verify()
    assert status == 1
    assert "第 4 条：前面缺少 1 条记录（第 3 条已被删除）" in err
    assert "第 4 条：与前一条记录的哈希对不上" in err


def test_an_edited_entry_is_found(trail: list[AuditEntry]) -> None:
    tamper("UPDATE web_auditentry SET comment = %s WHERE sequence = 4", ["无意见"])
    status, _out, err = verify()
    assert status == 1
    assert err.splitlines()[0] == f"第 4 条：内容与其哈希不符（记录 id {trail[3].pk} 被改动过）"
    assert "审计记录核验未通过：1 处问题" in err


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(trail: list[AuditEntry]) -> None:
    entry = AuditEntry.objects.get(sequence=2)
    entry.actor_name = "他人"
    forged = audit_chain.digest(entry.chain_fields(), entry.created_at, entry.previous_hash)
    tamper("UPDATE web_auditentry SET actor_name = %s, entry_hash = %s WHERE sequence = 2", ["他人", forged])
    status, _out, err = verify()
    assert status == 1
    assert err.splitlines()[0] == "第 3 条：与前一条记录的哈希对不上（前一条被删除或改动过）"


def test_the_newest_entries_cut_off_are_found_by_the_tables_state(trail: list[AuditEntry], draft: Any) -> None:
    tamper("DELETE FROM web_auditentry WHERE sequence >= 4")  # the return and the second table's creation
    status, _out, err = verify()
    assert status == 1
    assert f"目标表 {draft.pk}（{draft}）：状态为“退回修改”，审计记录却止于“已提交”" in err
    assert "没有任何审计记录" in err


def test_an_anchor_proves_the_chain_still_reaches_it(trail: list[AuditEntry]) -> None:
    assert verify(f"--anchor=5:{trail[4].entry_hash}")[0] == 0
    assert verify(f"--anchor=5:{'0' * 64}")[2].startswith("第 5 条：哈希与记下的不同")
    tamper("DELETE FROM web_auditentry WHERE sequence = 5")
    tamper("DELETE FROM web_notice WHERE table_id = %s", [trail[4].table_id])
    tamper("DELETE FROM web_findingcount WHERE record_id = %s", [trail[4].table_id])
    tamper("DELETE FROM web_tablerecord WHERE id = %s", [trail[4].table_id])  # its table gone too: no state to miss
    tamper("DELETE FROM web_tableversion WHERE record_id = %s", [trail[4].table_id])
    assert verify()[0] == 0  # the chain alone cannot tell that its last entry is gone …
    status, _out, err = verify(f"--anchor=5:{trail[4].entry_hash}")
    assert status == 1  # … a hash noted down earlier can
    assert "第 5 条：记下的这一条已不在审计链中" in err


def test_the_exit_status_is_one_from_the_shell(trail: list[AuditEntry]) -> None:
    tamper("UPDATE web_auditentry SET diff = %s WHERE sequence = 1", ["[]"])
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage", "verify_audit"])
    assert exited.value.code == 1


def test_entries_are_never_created_in_bulk(draft: Any) -> None:
    entry = AuditEntry.objects.get(table=draft)
    with pytest.raises(Exception, match="逐条写入"):
        AuditEntry.objects.bulk_create([entry])


@pytest.fixture
def app_role(db: Any) -> Iterator[str]:
    """A role set up as the deployment notes say (created inside the test's transaction, so rolled back)."""
    role = f"jixiao_app_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
    call_command("grant_app_role", role, stdout=StringIO())
    yield role


@postgresql_only
def test_the_app_role_can_add_entries_but_not_rewrite_the_trail(trail: list[AuditEntry], app_role: str) -> None:
    assert "超级用户" in (dbroles.owner_problem() or "")  # the tests connect as postgres
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {app_role}")
    assert dbroles.owner_problem() is None
    for statement in (
        "TRUNCATE web_auditentry",
        "UPDATE web_auditentry SET comment = 'x'",
        "DELETE FROM web_auditentry",
        "ALTER TABLE web_auditentry DISABLE TRIGGER USER",
    ):
        refused = pytest.raises(DatabaseError, match=r"permission denied|must be owner")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    table = trail[0].table  # the app's own steps still work as this role
    workflow.create_table(table.unit, actor=trail[0].actor, data=copy.deepcopy(table.latest.data))
    assert AuditEntry.objects.count() == 6
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    assert verify()[0] == 0


def test_sqlite_has_no_roles_to_flag(db: Any) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("on PostgreSQL the tests connect as a superuser, which is flagged")
    assert dbroles.owner_problem() is None


@postgresql_only
def test_even_the_tables_owner_meets_the_truncate_trigger(trail: list[AuditEntry]) -> None:
    owner = f"jixiao_owner_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts checked, as a commit would
        cursor.execute(f"CREATE ROLE {owner} NOLOGIN")
        cursor.execute(f"ALTER TABLE web_auditentry OWNER TO {owner}")
        cursor.execute(f"SET LOCAL ROLE {owner}")
    assert "所有者" in (dbroles.owner_problem() or "")
    refused = pytest.raises(DatabaseError, match="审计记录不可清空")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE web_auditentry")
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    assert AuditEntry.objects.count() == 5


@postgresql_only
def test_connecting_as_the_owner_is_flagged(db: Any, settings: Any) -> None:
    from django.core import checks

    warnings = [m for m in checks.run_checks(include_deployment_checks=True) if m.id == "jixiao.W001"]
    assert len(warnings) == 1 and "超级用户" in warnings[0].msg
    settings.JIXIAO_REFUSE_DB_OWNER = True
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="grant_app_role"):
        dbroles.refuse_owner_connection()


@postgresql_only
def test_concurrent_writers_each_link_to_the_one_before(
    transactional_db: Any, users: dict[str, Any], sasac: Any, seed_data: list[dict[str, Any]]
) -> None:
    """Eight tables created at once, each on its own connection: the chain stays one line."""
    import threading

    from django.db import connections

    start = threading.Barrier(8)

    def create() -> None:
        try:
            start.wait(10)
            workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[1]))
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    entries = list(AuditEntry.objects.all())
    assert [e.sequence for e in entries] == list(range(1, 9))
    assert verify()[0] == 0
