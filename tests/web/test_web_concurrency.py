"""Optimistic locking of drafts: the second of two saves from the same revision is refused, nothing is lost."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction

from jixiao.web.models import TableRecord
from jixiao.web.services import workflow


def edited(record: TableRecord, row: int, target: str) -> dict[str, Any]:
    data = copy.deepcopy(record.latest.data)
    data["indicators"][row]["target"] = target
    return data


def test_a_save_from_a_stale_revision_is_refused(draft: Any, users: dict[str, Any]) -> None:
    workflow.save_draft(draft, actor=users["clerk"], data=edited(draft, 0, "11户"), revision=1)
    with pytest.raises(workflow.EditConflict) as conflict:
        workflow.save_draft(draft, actor=users["unitlead"], data=edited(draft, 1, "15个"), revision=1)
    assert conflict.value.current.revision == 2
    assert conflict.value.current.data["indicators"][0]["target"] == "11户"
    assert draft.audit_entries.filter(action="edit").count() == 1


@pytest.mark.postgres
def test_two_connections_saving_at_once_on_postgresql(transactional_db: Any, draft: Any, users: dict[str, Any]) -> None:
    """Two sessions, each on its own connection: the first holds its transaction open while the second saves."""
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: this test needs two real connections (.ci/run runs it)")
    first_saved, release = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                workflow.save_draft(draft, actor=users["clerk"], data=edited(draft, 0, "11户"), revision=1)
                first_saved.set()
                release.wait(10)
            outcome["first"] = "saved"
        finally:
            connection.close()

    def second() -> None:
        try:
            workflow.save_draft(draft, actor=users["unitlead"], data=edited(draft, 1, "15个"), revision=1)
            outcome["second"] = "saved"
        except workflow.EditConflict as conflict:
            outcome["second"] = conflict
        finally:
            connection.close()

    one = threading.Thread(target=first)
    one.start()
    assert first_saved.wait(10)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(0.5)
    assert two.is_alive(), "the second save should wait for the first transaction's row lock"
    release.set()
    one.join(10)
    two.join(10)
    assert outcome["first"] == "saved"
    assert isinstance(outcome["second"], workflow.EditConflict)
    assert outcome["second"].current.data["indicators"][0]["target"] == "11户"
    latest = TableRecord.objects.get(pk=draft.pk).latest
    assert (latest.revision, latest.data["indicators"][1]["target"]) == (2, "10个")


SQLITE_RACE = """
import copy, threading, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from jixiao.web.services import demo, workflow
from jixiao.web.models import TableRecord

call_command("migrate", verbosity=0)
demo.create_organisations()
demo.create_users()
record = TableRecord.objects.get(pk=workflow.create_table(
    demo.Unit.objects.get(name=demo.SASAC), actor=get_user_model().objects.get(username="clerk"),
    data={"project_name": "并发", "indicators": [{"name": "甲", "target": "1个"}, {"name": "乙", "target": "2个"}]}).pk)
first_saved, release, outcome = threading.Event(), threading.Event(), {}

def edited(row, target):
    data = copy.deepcopy(record.latest.data)
    data["indicators"][row]["target"] = target
    return data

def save(name, row, target, hold):
    try:
        with transaction.atomic():
            workflow.save_draft(record, actor=get_user_model().objects.get(username=name), data=edited(row, target),
                                revision=1)
            if hold:
                first_saved.set()
                release.wait(5)
        outcome[name] = "saved"
    except workflow.EditConflict:
        outcome[name] = "conflict"
    except Exception as error:
        outcome[name] = type(error).__name__
    finally:
        first_saved.set()
        connection.close()

one = threading.Thread(target=save, args=("clerk", 0, "11个", True))
one.start()
first_saved.wait(10)
two = threading.Thread(target=save, args=("unitlead", 1, "15个", False))
two.start()
time.sleep(0.5)
release.set()
one.join(10)
two.join(10)
print(outcome["clerk"], outcome["unitlead"], TableRecord.objects.get().latest.data["indicators"][1]["target"])
"""


def test_two_saves_at_once_on_the_default_sqlite_file(tmp_path: Any) -> None:
    """The default database (a SQLite file, no DATABASE_URL) queues the second save and refuses it clearly."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="jixiao.web.settings", JIXIAO_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", SQLITE_RACE], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["saved", "conflict", "2个"]
