"""The REST API: every operation against the same scopes, stages and audit trail as the pages."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any

import pytest
from api_helpers import ApiClient, client_of, code
from django.urls import reverse

from jixiao.web.api.site import api as ninja_api
from jixiao.web.models import ApiToken, AuditEntry, Status, TableRecord
from jixiao.web.services import demo, rounds, tokens, workflow

ROOT = Path(__file__).resolve().parents[2]
CLEAN_TEXT = (ROOT / "tests" / "data" / "review" / "clean" / "training.txt").read_bytes()
SEED_TEXT = (ROOT / "examples" / "seed_2024.txt").read_bytes()
PDF = b"%PDF-1.4\n%%EOF\n"
OPERATIONS = {
    "token_create", "tables_list", "table_get", "table_versions", "tables_import", "table_save", "table_review",
    "table_submit", "table_return", "table_approve", "table_publish", "table_adjust", "attachments_list",
    "attachment_upload", "rounds_list", "round_progress", "public_tables_list", "public_table_get",
    "library_suggest", "library_indicator", "monitoring_get", "monitoring_save", "selfeval_get", "selfeval_save",
}  # fmt: skip


@pytest.fixture
def api(users: dict[str, Any]) -> dict[str, ApiClient]:
    """A token client per demo role, and ``None`` for an anonymous caller."""
    return {**{name: client_of(user) for name, user in users.items()}, None: ApiClient()}  # type: ignore[dict-item]


def token_trail(user: Any) -> list[tuple[str, str]]:
    """The account's token entries in the audit trail: (action, comment)."""
    entries = AuditEntry.objects.filter(subject=user, action__startswith="token_").order_by("sequence")
    return list(entries.values_list("action", "comment"))


def last_audit(record: TableRecord) -> AuditEntry:
    return AuditEntry.objects.filter(table=record).order_by("-sequence")[0]


def test_openapi_lists_exactly_the_operations(client: Any) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    found = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert sorted(found) == sorted(OPERATIONS)
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    assert "ErrorOut" in document["components"]["schemas"]
    assert ninja_api.urls_namespace == "api"


def test_every_operation_answers_refusals_in_the_error_shape(api: dict[Any, ApiClient]) -> None:
    status, body = api[None].get("/tables")
    assert status == 401 and body == {
        "error": {"code": "unauthenticated", "message": body["error"]["message"], "details": None}
    }
    assert "Bearer" in body["error"]["message"]
    assert code(api["clerk"].get("/tables/999999")) == (404, "not_found")
    assert code(api["clerk"].get("/tables", status="nonsense")) == (422, "invalid")
    assert code(api["clerk"].get("/tables", page=0)) == (422, "invalid")
    assert code(api["clerk"].get("/tables", page=5)) == (404, "not_found")
    status, body = api["clerk"].post("/tables", {"data": {"project_name": "a\x00b"}})
    assert (status, body["error"]["code"]) == (422, "invalid")
    assert body["error"]["details"][0]["field"] == "data.project_name"
    lone = '{"data": {"project_name": "\\ud800"}}'  # a lone surrogate, which no database column takes
    response = api["clerk"].client.post("/api/tables", lone, content_type="application/json")
    assert (response.status_code, response.json()["error"]["code"]) == (422, "invalid")
    response = api["clerk"].client.post("/api/imports", b"x", content_type="multipart/form-data")  # no boundary
    assert (response.status_code, response.json()["error"]["code"]) == (400, "bad_request")


def test_a_wrong_method_and_an_unknown_path_answer_in_the_error_shape(api: dict[Any, ApiClient]) -> None:
    refused = api["clerk"].client.delete("/api/public/tables")
    assert (refused.status_code, refused["Allow"]) == (405, "GET")
    assert refused.json() == {
        "error": {"code": "method", "message": "此接口不接受 DELETE 请求（可用：GET）", "details": {"allowed": ["GET"]}}
    }
    refused = api[None].client.get("/api/tokens")  # POST only, and no token needed to be told so
    assert (refused.status_code, refused["Allow"], refused.json()["error"]["details"]) == (
        405,
        "POST",
        {"allowed": ["POST"]},
    )
    for path in ("/api/no-such-thing", "/api/tables/1/nothing", "/api/"):
        missing = api["clerk"].client.get(path)
        assert missing.status_code == 404 and missing["Content-Type"].startswith("application/json"), path
        assert missing.json() == {"error": {"code": "not_found", "message": f"没有这个接口：{path}", "details": None}}
    assert code(api["clerk"].get("/tables/999999")) == (404, "not_found")  # an operation's own 404 is unchanged
    assert api["clerk"].client.get("/api/openapi.json").status_code == 200
    for path in ("/api/openapi.json", "/api/docs"):  # ninja's own pages are read, not written
        refused = api["clerk"].client.post(path, {})
        assert (refused.status_code, refused["Allow"]) == (405, "GET, HEAD"), path
        assert refused.json()["error"] == {
            "code": "method",
            "message": "此接口不接受 POST 请求（可用：GET、HEAD）",
            "details": {"allowed": ["GET", "HEAD"]},
        }


def test_a_token_is_stored_hashed_and_noted_when_used(users: dict[str, Any]) -> None:
    issued = tokens.create(users["clerk"], name="脚本", via="web")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith(f"jx_{stored.prefix}_") and len(issued.secret) > 50
    assert stored.digest == tokens.digest(issued.secret) and issued.secret not in stored.digest
    assert stored.last_used_at is None
    assert ApiClient(issued.secret).get("/tables")[0] == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None
    forged = issued.secret[:-4] + "AAAA"
    assert code(ApiClient(forged).get("/tables")) == (401, "unauthenticated")
    tokens.revoke(stored, actor=users["clerk"], via="web")
    assert code(ApiClient(issued.secret).get("/tables")) == (401, "unauthenticated")
    assert token_trail(users["clerk"]) == [
        ("token_create", f"脚本（jx_{stored.prefix}_…），经网页，来自 未知地址"),
        ("token_revoke", f"脚本（jx_{stored.prefix}_…），经网页，来自 未知地址"),
    ]
    users["clerk"].is_active = False
    users["clerk"].save()
    assert code(ApiClient(tokens.create(users["clerk"], name="x", via="web").secret).get("/tables"))[0] == 401


def test_token_create_takes_the_password_and_counts_failures(
    users: dict[str, Any], password: str, settings: Any
) -> None:
    anonymous = ApiClient()
    status, body = anonymous.post("/tokens", {"username": "unitlead", "password": password, "name": "一体化系统"})
    assert status == 201 and body["name"] == "一体化系统" and body["token"].startswith("jx_")
    status, listed = ApiClient(body["token"]).get("/tables")
    assert status == 200 and listed["count"] == 0
    entry = AuditEntry.objects.get(subject=users["unitlead"], action="token_create")
    assert (entry.actor, entry.table, entry.comment) == (
        users["unitlead"], None, f"一体化系统（jx_{body['prefix']}_…），经API，来自 127.0.0.1",
    )  # fmt: skip
    assert code(anonymous.post("/tokens", {"username": "unitlead", "password": "wrong"})) == (
        401,
        "invalid_credentials",
    )
    for _ in range(settings.JIXIAO_LOGIN_MAX_FAILURES - 1):
        anonymous.post("/tokens", {"username": "unitlead", "password": "wrong"})
    assert code(anonymous.post("/tokens", {"username": "unitlead", "password": password})) == (429, "rate_limited")


def test_the_token_page_shows_a_new_token_once_and_revokes_it(users: dict[str, Any], client_for: Any) -> None:
    page = client_for("clerk")
    assert "还没有令牌" in page.get(reverse("web:api_tokens")).content.decode()
    created = page.post(reverse("web:api_tokens"), {"name": "BI 报表"})
    html = created.content.decode()
    token = ApiToken.objects.get(user=users["clerk"])
    secret = html.split('<code class="token-secret">')[1].split("</code>")[0]
    assert created["Cache-Control"] == "no-store" and tokens.digest(secret) == token.digest
    assert ApiClient(secret).get("/tables")[0] == 200
    again = page.get(reverse("web:api_tokens")).content.decode()
    assert secret not in again and f"jx_{token.prefix}_…" in again and "BI 报表" in again
    assert page.post(reverse("web:api_tokens"), {"name": ""}).status_code == 400
    assert client_for("unitlead").post(reverse("web:api_token_revoke", args=[token.pk])).status_code == 404
    assert page.post(reverse("web:api_token_revoke", args=[token.pk])).status_code == 302
    assert code(ApiClient(secret).get("/tables")) == (401, "unauthenticated")
    assert "已吊销" in page.get(reverse("web:api_tokens")).content.decode()
    assert [action for action, _comment in token_trail(users["clerk"])] == ["token_create", "token_revoke"]
    assert "经网页，来自 127.0.0.1" in token_trail(users["clerk"])[0][1]


def test_tables_list_keeps_the_scope_and_filters(
    api: dict[Any, ApiClient], users: dict[str, Any], sasac: Any, other_unit: Any, seed_data: list[Any], walk: Any
) -> None:
    own = [workflow.create_table(sasac, actor=users["clerk"], data=copy.deepcopy(seed_data[0])) for _ in range(3)]
    walk(own[0], "submitted")
    later = copy.deepcopy(seed_data[0]) | {"year": 2025}
    workflow.create_table(sasac, actor=users["clerk"], data=later)
    theirs = workflow.create_table(other_unit, actor=users["admin"], data=copy.deepcopy(seed_data[3]))
    status, page = api["clerk"].get("/tables", limit=2)
    assert status == 200 and (page["count"], page["pages"], page["limit"], len(page["items"])) == (4, 2, 2, 2)
    assert theirs.pk not in [t["id"] for t in api["clerk"].get("/tables", limit=100)[1]["items"]]
    assert api["finance"].get("/tables")[1]["count"] == 5
    assert api["finance"].get("/tables", department=other_unit.department_id)[1]["count"] == 1
    assert api["finance"].get("/tables", unit=sasac.pk, year=2025)[1]["count"] == 1
    (submitted,) = api["finance"].get("/tables", status="submitted")[1]["items"]
    assert (submitted["id"], submitted["status_label"], submitted["stage"]) == (
        own[0].pk,
        "主管部门初审中",
        "主管部门初审",
    )
    opened = rounds.open_round(
        sasac.department.office, actor=users["finance"], kind="target", year=2025, deadline=rounds.today(),
        units=[sasac],
    )  # fmt: skip
    assert api["finance"].get("/tables", round=opened.pk)[1]["count"] == 1
    assert api["deptreviewer"].get("/tables", q="国有资本")[1]["count"] == 4


def test_table_get_versions_and_review(
    api: dict[Any, ApiClient], draft: TableRecord, walk: Any, other_unit: Any
) -> None:
    status, table = api["clerk"].get(f"/tables/{draft.pk}")
    assert status == 200 and table["data"]["indicators"][0]["name"] == "支持国有企业户数"
    assert (table["version"], table["revision"], table["status"]) == (1, 1, "draft")
    assert table["actions"] == ["delete", "edit"]
    walk(draft, "returned" if False else "submitted")
    assert api["deptreviewer"].get(f"/tables/{draft.pk}")[1]["actions"] == ["review"]
    assert api["finance"].get(f"/tables/{draft.pk}")[1]["actions"] == []
    status, versions = api["clerk"].get(f"/tables/{draft.pk}/versions")
    assert status == 200 and [(v["number"], v["state"], v["frozen"]) for v in versions["items"]] == [
        (1, "submitted", True)
    ]
    assert code(api["clerk"].get(f"/tables/{draft.pk}", version=7)) == (404, "not_found")
    status, review = api["clerk"].get(f"/tables/{draft.pk}/review")
    assert status == 200 and review["version"] == 1 and review["counts"]["error"] == 0
    assert {f["severity"] for f in review["findings"]} <= {"warning", "info"}
    assert all(f["key"].startswith(f["code"] + "|") for f in review["findings"])
    other = workflow.create_table(other_unit, actor=draft.latest.created_by, data=draft.latest.data)
    assert code(api["deptreviewer"].get(f"/tables/{other.pk}/review")) == (404, "not_found")


def test_import_then_save_makes_a_draft_under_the_audit_trail(api: dict[Any, ApiClient], users: dict[str, Any]) -> None:
    status, preview = api["clerk"].upload("/imports", "seed.txt", SEED_TEXT)
    assert status == 201 and len(preview["tables"]) == 6 and preview["error"] is None
    first = preview["tables"][0]
    assert first["data"]["project_name"] and first["placement"]["foreign"] is False
    assert isinstance(first["review"]["findings"], list)
    assert TableRecord.objects.count() == 0  # a preview saves nothing yet
    status, saved = api["clerk"].post("/tables", {"upload": preview["upload"]["id"], "table": 0})
    assert status == 201 and saved["status"] == "draft" and saved["data"]["indicators"] == first["data"]["indicators"]
    assert saved["data"]["department"] == "自治区国资委"  # filled in from the unit, as the page does
    record = TableRecord.objects.get(pk=saved["id"])
    entry = last_audit(record)
    assert (entry.action, entry.actor, entry.comment) == ("import", users["clerk"], "导入自 seed.txt")
    assert code(api["clerk"].post("/tables", {"upload": preview["upload"]["id"], "table": 9})) == (404, "not_found")
    assert code(api["deptreviewer"].upload("/imports", "seed.txt", SEED_TEXT)) == (403, "forbidden")
    assert code(api["clerk"].upload("/imports", "x.exe", b"MZ\x90\x00binary")) == (422, "upload_refused")
    foreign = next(t for t in preview["tables"] if t["placement"]["named"] and t["placement"]["foreign"])
    status, body = api["clerk"].post("/tables", {"upload": preview["upload"]["id"], "table": foreign["index"]})
    assert (status, body["error"]["code"]) == (409, "foreign_unit")
    assert body["error"]["details"]["written"] == foreign["placement"]["written"]


def test_save_checks_the_revision_and_the_role(
    api: dict[Any, ApiClient], draft: TableRecord, users: dict[str, Any]
) -> None:
    data = copy.deepcopy(draft.latest.data)
    rows = len(data["indicators"])
    data["indicators"][0]["target"] = "≥20户"
    data["indicators"].append({"name": "", "target": "  "})  # a blank row is left out, as the editor does
    body = {"id": draft.pk, "revision": 1, "data": data, "comment": "调整指标值"}
    status, saved = api["clerk"].post("/tables", body)
    assert status == 200 and saved["revision"] == 2
    assert saved["data"]["indicators"][0]["target"] == "≥20户" and len(saved["data"]["indicators"]) == rows
    entry = last_audit(draft)
    assert (entry.action, entry.comment, entry.actor) == ("edit", "调整指标值", users["clerk"])
    assert entry.diff[0]["field"] == "indicators[1].target"
    status, conflict = api["clerk"].post("/tables", body)
    assert (status, conflict["error"]["code"], conflict["error"]["details"]) == (
        409,
        "edit_conflict",
        {"version": 1, "revision": 2},
    )
    assert code(api["deptreviewer"].post("/tables", body | {"revision": 2})) == (403, "forbidden")
    assert code(api["clerk"].post("/tables", {"id": draft.pk, "data": data})) == (422, "invalid")
    status, new = api["unitlead"].post("/tables", {"data": {"project_name": "新项目", "year": 2025}})
    assert (
        status == 201
        and new["unit"]["name"] == demo.SASAC
        and last_audit(TableRecord.objects.get(pk=new["id"])).action == "create"
    )


def test_the_chain_through_the_api_refuses_every_stage_that_is_not_the_callers(
    api: dict[Any, ApiClient], draft: TableRecord, users: dict[str, Any]
) -> None:
    path = f"/tables/{draft.pk}"
    submit = {"version": 1, "revision": 1, "comment": "请审核"}
    assert code(api["clerk"].post(f"{path}/submit", submit)) == (403, "forbidden")
    assert code(api["unitlead"].post(f"{path}/submit", submit)) == (409, "warnings_unexplained")
    codes = {f["code"] for f in api["unitlead"].get(f"{path}/review")[1]["findings"] if f["severity"] == "warning"}
    submit["explanations"] = dict.fromkeys(codes, "已核实：按本年度计划测算。")
    status, submitted = api["unitlead"].post(f"{path}/submit", submit)
    assert status == 200 and (submitted["status"], submitted["stage"]) == ("submitted", "主管部门初审")
    assert last_audit(draft).action == "submit" and last_audit(draft).actor == users["unitlead"]
    assert code(api["unitlead"].post(f"{path}/submit", submit)) == (409, "wrong_state")
    decision = {"version": 1, "comment": "同意"}
    assert code(api["finance"].post(f"{path}/approve", decision)) == (403, "not_your_stage")
    assert code(api["finance"].post(f"{path}/return", decision)) == (403, "not_your_stage")
    assert code(api["clerk"].post(f"{path}/approve", decision)) == (403, "forbidden")
    assert code(api["deptreviewer"].post(f"{path}/approve", {"version": 2})) == (409, "version_changed")
    assert code(api["deptreviewer"].post(f"{path}/return", {"version": 1})) == (409, "comment_required")
    status, reviewed = api["deptreviewer"].post(f"{path}/approve", decision)
    assert status == 200 and reviewed["stage"] == "财政复审" and reviewed["status_label"] == "财政复审中"
    assert last_audit(draft).action == "approve" and last_audit(draft).actor == users["deptreviewer"]
    assert code(api["deptreviewer"].post(f"{path}/approve", decision)) == (403, "not_your_stage")
    status, returned = api["finance"].post(
        f"{path}/return", {"version": 1, "indicator_comments": [{"index": 0, "comment": "偏低"}]}
    )
    assert status == 200 and returned["status"] == "returned"
    entry = last_audit(draft)
    assert entry.action == "return" and entry.diff[-1] == {
        "field": "comment", "indicator": "支持国有企业户数", "before": None, "after": "偏低",
    }  # fmt: skip
    no_such_indicator = {"version": 1, "indicator_comments": [{"index": 99, "comment": "x"}]}
    assert code(api["finance"].post(f"{path}/return", no_such_indicator)) == (422, "invalid")
    assert code(api["finance"].post(f"{path}/publish", {"version": 1})) == (409, "wrong_state")


def test_publish_then_adjust(api: dict[Any, ApiClient], draft: TableRecord, walk: Any, users: dict[str, Any]) -> None:
    walk(draft, "approved")
    path = f"/tables/{draft.pk}"
    assert code(api["deptreviewer"].post(f"{path}/publish", {"version": 1})) == (403, "forbidden")
    assert code(api["admin"].post(f"{path}/publish", {"version": 1})) == (403, "forbidden")
    status, published = api["finance"].post(f"{path}/publish", {"version": 1, "comment": "按规定公开"})
    assert status == 200 and published["status"] == "published" and published["published_version"] == 1
    assert last_audit(draft).action == "publish"
    assert code(api["finance"].post(f"{path}/publish", {"version": 1})) == (409, "wrong_state")
    assert code(api["unitlead"].post(f"{path}/adjust", {"comment": ""})) == (422, "invalid")
    assert code(api["clerk"].post(f"{path}/adjust", {"comment": "预算调减"})) == (403, "forbidden")
    status, adjusting = api["unitlead"].post(f"{path}/adjust", {"comment": "预算调减"})
    assert status == 200 and (adjusting["status"], adjusting["version"], adjusting["status_label"]) == (
        "draft", 2, "目标调整中",
    )  # fmt: skip
    assert last_audit(draft).action == "adjust" and last_audit(draft).comment == "预算调减"
    assert code(api["unitlead"].post(f"{path}/adjust", {"comment": "再调"})) == (409, "wrong_state")
    status, public = api[None].get(f"/public/tables/{draft.pk}")
    assert status == 200 and public["version"] == 1  # the public still sees the published version


def test_attachments(api: dict[Any, ApiClient], draft: TableRecord, walk: Any) -> None:
    path = f"/tables/{draft.pk}/attachments"
    status, attached = api["clerk"].upload(path, "依据.pdf", PDF, indicator=0, public="true")
    assert status == 201 and (attached["kind"], attached["indicator_name"], attached["public"]) == (
        "PDF", "支持国有企业户数", True,
    )  # fmt: skip
    assert last_audit(draft).comment == "添加佐证资料（支持国有企业户数）：依据.pdf"
    assert code(api["clerk"].upload(path, "x.txt", b"just text")) == (422, "attachment_refused")
    assert code(api["deptreviewer"].upload(path, "依据.pdf", PDF)) == (403, "forbidden")
    status, listed = api["deptreviewer"].get(path)
    assert status == 200 and [a["name"] for a in listed["items"]] == ["依据.pdf"]
    walk(draft, "submitted")
    assert code(api["clerk"].upload(path, "依据.pdf", PDF)) == (409, "wrong_state")


def test_rounds_and_progress(
    api: dict[Any, ApiClient], users: dict[str, Any], sasac: Any, other_unit: Any, draft: Any
) -> None:
    office = sasac.department.office
    deadline = rounds.today() + datetime.timedelta(days=5)
    mine = rounds.open_round(
        office, actor=users["finance"], kind="target", year=2024, deadline=deadline, units=[sasac, other_unit]
    )
    theirs = rounds.open_round(
        office, actor=users["finance"], kind="selfeval", year=2024, deadline=deadline, units=[other_unit]
    )
    status, listed = api["clerk"].get("/rounds")
    assert status == 200 and [(r["id"], r["state"], r["days_left"]) for r in listed["items"]] == [(mine.pk, "draft", 5)]
    assert api["finance"].get("/rounds", kind="selfeval")[1]["items"][0]["id"] == theirs.pk
    assert code(api["clerk"].get(f"/rounds/{mine.pk}/progress")) == (403, "forbidden")
    assert code(api["deptreviewer"].get(f"/rounds/{theirs.pk}/progress")) == (404, "not_found")
    status, progress = api["deptreviewer"].get(f"/rounds/{mine.pk}/progress")
    assert status == 200 and [(u["unit"]["name"], u["state"]) for u in progress["units"]] == [(demo.SASAC, "draft")]
    status, everyone = api["finance"].get(f"/rounds/{mine.pk}/progress")
    assert everyone["counts"] == {"not_started": 1, "draft": 1, "submitted": 0, "returned": 0, "approved": 0}


def test_public_tables_need_no_token_and_show_only_published_versions(
    api: dict[Any, ApiClient], draft: TableRecord, walk: Any, sasac: Any
) -> None:
    assert api[None].get("/public/tables")[1]["count"] == 0
    assert code(api[None].get(f"/public/tables/{draft.pk}")) == (404, "not_found")
    walk(draft, "published")
    status, listed = api[None].get("/public/tables", year=2024)
    assert status == 200 and [(t["id"], t["version"], t["unit"]) for t in listed["items"]] == [
        (draft.pk, 1, demo.SASAC)
    ]
    assert listed["items"][0]["published_at"] is not None
    assert api[None].get("/public/tables", year=2023)[1]["count"] == 0
    assert api[None].get("/public/tables", department=sasac.department_id + 1000)[1]["count"] == 0
    status, table = api[None].get(f"/public/tables/{draft.pk}")
    assert status == 200 and table["data"]["indicators"][0]["name"] == "支持国有企业户数"


def test_library_operations(api: dict[Any, ApiClient], settings: Any, tmp_path: Path, seed_library: Path) -> None:
    status, found = api["clerk"].get("/library/suggest", q="满意度", level2="满意度指标")
    assert status == 200 and found["count"] >= 1
    best = found["items"][0]
    assert (
        best["level2"] == "服务对象满意度指标"
        and "满意度" in best["names"][0]["name"]
        and best["score"] > 0
        and best["typical"]
    )
    status, entry = api["clerk"].get("/library/indicator", key=best["key"])
    assert status == 200 and entry["key"] == best["key"] and entry["names"] == best["names"]
    assert code(api["clerk"].get("/library/indicator", key="数量指标|全部|没有这个")) == (404, "not_found")
    assert code(api["clerk"].get("/library/suggest", q="培训", kind="不存在的类别")) == (422, "invalid")
    assert code(api[None].get("/library/suggest", q="培训")) == (401, "unauthenticated")
    settings.JIXIAO_LIBRARY_PATH = tmp_path / "none.sqlite"
    assert code(api["clerk"].get("/library/suggest", q="培训")) == (404, "library_missing")


def test_the_docs_page_loads_its_assets_locally_under_the_policy(client: Any) -> None:
    from test_web_csp import inline_parts

    response = client.get("/api/docs")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="swagger-ui"' in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy
    assert inline_parts(html) == []
    assets = [part.split('"')[0] for part in html.replace("href=", "src=").split('src="')[1:]]
    assert {
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
        "/static/ninja/swagger-ui.css",
    } <= set(assets)
    assert all(asset.startswith("/static/") for asset in assets), assets
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        b"".join(served.streaming_content) if served.streaming else served.content
    assert '"url": "/api/openapi.json"' in html


def test_a_draft_stays_hidden_and_status_is_checked(api: dict[Any, ApiClient], draft: TableRecord) -> None:
    assert api["clerk"].get(f"/tables/{draft.pk}")[1]["status"] == Status.DRAFT
