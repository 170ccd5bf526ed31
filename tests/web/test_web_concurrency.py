"""Optimistic locking of drafts: the second of two saves from the same revision is refused, nothing is lost."""

from __future__ import annotations

import copy
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
def test_two_connections_saving_at_once_on_postgresql(transactional_db: Any, draft: Any,
                                                      users: dict[str, Any]) -> None:
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
