"""Clean imports: the 预算单位 matched to the organisation, an existing table imported again as its next version,
drafts deleted with a trace, a 监控表 or 自评表 filed for its open round."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

import jixiao
from jixiao.web.models import AuditEntry, Role, RoleAssignment, RoundFiling, Status, TableRecord, Unit
from jixiao.web.services import imports, placement, rounds, workflow
from jixiao.web.services.tabledata import data_from_table

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed_2024.txt"
SAMPLES = ROOT / "tests" / "data" / "samples"


def upload(client: Any, name: str, content: bytes) -> Any:
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("web:import"), {"file": file})


def lead_of(unit: Unit) -> Any:
    user = get_user_model().objects.create_user(username=f"lead-{unit.pk}")
    RoleAssignment.objects.create(user=user, role=Role.UNIT_LEAD, unit=unit)
    return user


def test_importing_the_seed_twice_leaves_six_tables_of_two_versions_each(users: dict[str, Any]) -> None:
    tables = jixiao.read(SEED)
    leads: dict[int, Any] = {}
    for _round in range(2):
        for table in tables:
            data = {**data_from_table(table), "year": 2024}
            unit = Unit.objects.get(name=table.budget_unit)
            if unit.pk not in leads:
                leads[unit.pk] = lead_of(unit)
            stored = imports.store(unit, actor=leads[unit.pk], name="seed_2024.txt", content=SEED.read_bytes())
            where = placement.place(data, stored, Unit.objects.filter(pk=unit.pk))
            assert (where.unit, where.foreign) == (unit, False)
            placement.save(stored, data, actor=leads[unit.pk], unit=where.unit, comment="导入")
    records = TableRecord.objects.order_by("id")
    assert records.count() == 6
    assert [(r.project_name, r.versions.count()) for r in records] == [(table.project_name, 2) for table in tables]
    assert all(r.latest.source_file is not None for r in records)
    assert AuditEntry.objects.filter(action="import").count() == 12


def test_the_clerk_imports_the_same_table_again_as_its_next_version(
    users: dict[str, Any], client_for: Any, sasac: Unit
) -> None:
    client = client_for("clerk")
    for expected in (1, 2):
        response = upload(client, "国资委.txt", SEED.read_bytes())
        preview = client.get(response["Location"]).content.decode()
        if expected == 2:
            assert "导入为它的新版本，不另建一张" in preview
        saved = client.post(response["Location"], {"table": "0", "year": "2024"}, follow=True)
        record = TableRecord.objects.get()
        assert record.latest.number == expected
    assert "已存在，导入为第 2 版草稿" in saved.content.decode()


def test_a_table_under_review_is_not_replaced_by_an_import(
    users: dict[str, Any], client_for: Any, draft: Any, submit: Any
) -> None:
    submit(draft, users["unitlead"])
    client = client_for("clerk")
    response = upload(client, "国资委.txt", SEED.read_bytes())
    refused = client.post(response["Location"], {"table": "0", "year": "2024"}, follow=True)
    assert "当前为“主管部门初审中”，不能导入新版本" in refused.content.decode()
    assert draft.versions.count() == 1


def test_a_draft_is_deleted_with_its_trail_kept(users: dict[str, Any], client_for: Any, draft: Any) -> None:
    response = client_for("clerk").post(reverse("web:table_delete", args=[draft.pk]), {"comment": "重复录入"})
    assert response["Location"] == reverse("web:table_list")
    assert client_for("clerk").get(reverse("web:table_detail", args=[draft.pk])).status_code == 404
    entry = AuditEntry.objects.filter(table=draft).last()
    assert (entry.action, entry.comment, entry.actor_name) == ("delete", "重复录入", "张敏（填报）")  # type: ignore[union-attr]


def test_a_submitted_table_cannot_be_deleted(users: dict[str, Any], draft: Any, submit: Any, walk: Any) -> None:
    walk(draft, "submitted")
    workflow.return_for_changes(draft, actor=users["deptreviewer"], version=1, comment="改")
    try:
        workflow.delete_draft(draft, actor=users["clerk"])
    except workflow.WorkflowError as error:
        assert str(error) == "只有从未提交过的草稿可以删除"
    else:
        raise AssertionError("a table once submitted was deleted")
    draft.refresh_from_db()
    assert (draft.deleted_at, draft.status) == (None, Status.RETURNED)


def test_a_self_evaluation_is_filed_for_the_open_round(users: dict[str, Any], client_for: Any, sasac: Unit) -> None:
    opened = rounds.open_round(
        sasac.department.office,
        actor=users["finance"],
        kind="selfeval",
        year=2024,
        deadline=rounds.today() + datetime.timedelta(days=30),
        units=[sasac],
    )
    response = upload(client_for("clerk"), "自评表.tsv", (SAMPLES / "003_a.tsv").read_bytes())
    assert response["Location"] == reverse("web:round_detail", args=[opened.pk])
    filing = RoundFiling.objects.get()
    assert (filing.round, filing.unit, filing.upload.name) == (opened, sasac, "自评表.tsv")
    assert [row.label for row in rounds.progress(opened)] == ["已提交"]
    # a 监控表 still has no open round
    refused = upload(client_for("clerk"), "监控表.tsv", (SAMPLES / "038_a.tsv").read_bytes())
    assert "当前没有开放的绩效监控任务" in refused.content.decode()
