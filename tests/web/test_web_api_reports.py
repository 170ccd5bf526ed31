"""The API's 绩效监控 and 绩效自评 operations: the same report services, scopes and audit trail as the pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from api_helpers import ApiClient, client_of, code

from jixiao.web.models import AuditEntry, RoundKind, RoundReport, TableRecord, Unit
from jixiao.web.services import monitoring, rounds


@pytest.fixture
def api(users: dict[str, Any]) -> dict[Any, ApiClient]:
    return {**{name: client_of(user) for name, user in users.items()}, None: ApiClient()}


def opened(users: dict[str, Any], unit: Unit, kind: str, period: str = "") -> Any:
    deadline = datetime.date.today() + datetime.timedelta(days=20)
    return rounds.open_round(
        unit.department.office, actor=users["finance"], kind=kind, year=2024, period=period, deadline=deadline,
        units=[unit],
    )  # fmt: skip


def test_monitoring_get_and_save(
    api: dict[Any, ApiClient], users: dict[str, Any], draft: TableRecord, walk: Any, sasac: Unit
) -> None:
    filing_round = opened(users, sasac, RoundKind.MONITORING, "1-6月")
    path = f"/rounds/{filing_round.pk}/tables/{draft.pk}/monitoring"
    assert code(api["clerk"].get(path)) == (409, "wrong_state")  # the table is not approved yet
    walk(draft, "published")
    status, blank = api["clerk"].get(path)
    assert status == 200 and (blank["id"], blank["status"], blank["revision"]) == (None, "not_started", 0)
    assert len(blank["data"]["indicators"]) == len(draft.latest.data["indicators"])
    assert RoundReport.objects.count() == 0  # reading starts nothing
    entries = monitoring.empty_data(draft.latest.data)
    entries["budget"]["executed"] = "20000"
    for row in entries["indicators"]:
        row["likelihood"] = "确定能"
    assert code(api["deptreviewer"].post(path, {"revision": 0, "data": entries})) == (403, "forbidden")
    status, saved = api["clerk"].post(path, {"revision": 0, "data": entries, "comment": "上半年监控"})
    assert status == 201 and saved["status"] == "draft" and saved["revision"] == 2
    # 114352 万元 a year, 20000 executed by the end of June: 17.49 % against 50 % expected → red
    assert saved["summary"]["budget_light"] == "red" and saved["summary"]["expected_rate"] == 50
    assert round(saved["summary"]["execution_rate"], 2) == 17.49 and saved["summary"]["red"] >= 1
    assert any("预算执行为红灯" in text for text in saved["blocking"])
    assert list(AuditEntry.objects.filter(table=draft).order_by("-sequence").values_list("action", flat=True)[:2]) == [
        "edit", "create",
    ]  # fmt: skip
    assert code(api["clerk"].post(path, {"revision": 1, "data": entries})) == (409, "edit_conflict")
    entries["budget"]["reason"] = "项目集中在下半年拨付"
    status, again = api["clerk"].post(path, {"revision": 2, "data": entries})
    assert status == 200 and again["revision"] == 3 and not any("预算执行为红灯" in t for t in again["blocking"])
    status, read = api["deptreviewer"].get(path)
    assert status == 200 and read["id"] == saved["id"] and read["data"]["budget"]["reason"] == "项目集中在下半年拨付"
    assert code(api["clerk"].get(f"/rounds/{filing_round.pk}/tables/{draft.pk}/selfeval")) == (404, "not_found")
    bad = {"revision": 3, "data": {"budget": {"reason": "a\x00"}}}
    assert code(api["clerk"].post(path, bad)) == (422, "invalid")


def test_selfeval_get_and_save(
    api: dict[Any, ApiClient], users: dict[str, Any], draft: TableRecord, walk: Any, sasac: Unit, other_unit: Unit
) -> None:
    walk(draft, "approved")
    filing_round = opened(users, sasac, RoundKind.SELF_EVALUATION)
    path = f"/rounds/{filing_round.pk}/tables/{draft.pk}/selfeval"
    status, blank = api["unitlead"].get(path)
    assert status == 200 and blank["status"] == "not_started" and blank["data"]["budget"]["full_year"] == "114352"
    entries = blank["data"]
    entries["budget"]["executed"] = "114352"
    for row, indicator in zip(entries["indicators"], draft.latest.data["indicators"], strict=True):
        row["actual"] = indicator["target"]
    entries["goal_actual"] = "全部完成"
    status, saved = api["clerk"].post(path, {"revision": 0, "data": entries})
    assert status == 201 and saved["kind"] == "selfeval" and saved["summary"]["budget_score"] is not None
    assert saved["summary"]["total"] is not None and saved["summary"]["grade"] in ("优", "良", "中", "差")
    assert saved["rows"][0]["name"] == "支持国有企业户数" and saved["rows"][0]["final"] is not None
    assert saved["actions"] == ["edit"]
    assert AuditEntry.objects.filter(table=draft).order_by("-sequence")[0].action == "edit"
    other_round = opened(users, other_unit, RoundKind.SELF_EVALUATION)
    assert code(api["clerk"].get(f"/rounds/{other_round.pk}/tables/{draft.pk}/selfeval")) == (404, "not_found")
    assert code(api[None].get(path)) == (401, "unauthenticated")
