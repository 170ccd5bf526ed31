"""A slow request holds no row lock and no worker for long: PostgreSQL's statement, lock and idle-transaction
limits are set on every connection, a request cut short by one is a 503 in Chinese with nothing saved, and the
gunicorn configuration's worker limit comes after every other limit."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.urls import reverse
from test_web_pages import editor_post

from jixiao.io.limits import MAX_READ_SECONDS
from jixiao.web.middleware import busy_reason
from jixiao.web.models import TableRecord

postgresql_only = pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""), reason="the time limits are PostgreSQL's"
)


@postgresql_only
def test_every_connection_carries_the_limits(db: Any) -> None:
    with connection.cursor() as cursor:
        shown = {}
        for name in ("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout"):
            cursor.execute(f"SHOW {name}")
            shown[name] = cursor.fetchone()[0]
    assert shown == {"statement_timeout": "30s", "lock_timeout": "10s", "idle_in_transaction_session_timeout": "1min"}


@postgresql_only
def test_a_statement_past_its_limit_is_named(db: Any) -> None:
    with pytest.raises(OperationalError) as cancelled, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '50ms'")
        cursor.execute("SELECT pg_sleep(2)")
    assert busy_reason(cancelled.value) == "处理时间过长"


@postgresql_only
def test_a_save_meeting_a_held_lock_is_a_503_and_saves_nothing(
    transactional_db: Any, draft: Any, client_for: Any
) -> None:
    """Another session holds the table's row lock: the save waits its lock limit, then says so."""
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                TableRecord.objects.select_for_update().get(pk=draft.pk)
                locked.set()
                release.wait(20)
        finally:
            connections["default"].close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")  # the setting's 10 s, shortened for the test
        data = copy.deepcopy(draft.latest.data)
        data["indicators"][0]["target"] = "11户"
        response = client_for("clerk").post(reverse("web:table_edit", args=[draft.pk]), editor_post(data, revision="1"))
    finally:
        release.set()
        holder.join(20)
    assert response.status_code == 503
    assert "这张目标表正被他人修改，本次操作没有完成" in response.content.decode()
    assert response["Retry-After"] == "10"
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")
    assert TableRecord.objects.get(pk=draft.pk).latest.data["indicators"][0]["target"] != "11户"


def test_other_database_errors_are_not_taken_for_a_busy_server() -> None:
    assert busy_reason(OperationalError("no such table: web_tablerecord")) is None
    assert busy_reason(ValueError("x")) is None
    assert busy_reason(OperationalError("database is locked")) == "数据库正忙"


def test_the_worker_limit_comes_after_the_readers_limit() -> None:
    from jixiao.web import gunicorn_conf

    assert gunicorn_conf.worker_class == "sync"  # one request per worker: the limit is per request
    assert MAX_READ_SECONDS < gunicorn_conf.timeout <= MAX_READ_SECONDS + 60
    assert gunicorn_conf.max_requests > 0


def test_gunicorn_takes_the_configuration(tmp_path: Path) -> None:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = subprocess.run(
        [str(gunicorn), "--check-config", "-c", "python:jixiao.web.gunicorn_conf", "jixiao.web.wsgi:application"],
        env={**os.environ, "JIXIAO_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
