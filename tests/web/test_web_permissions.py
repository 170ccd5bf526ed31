"""The permission matrix, generated from the URL configuration.

Every route the site's URLconf serves is requested by every role and an anonymous visitor, on objects of the
user's own scope and of another department's, by GET and by POST, with the table in every state it passes
through along the review chain. What each cell should give is written out in :data:`ROUTES` by hand (not
derived from the code), and a route without an entry there fails the test: a new page cannot be forgotten.

Outcomes: "ok" (the page answers, or refuses the step with a message, and nothing in the store changes), "done"
(the step is taken: the store changed), "login" (anonymous: sent to the login page; from the API, 401), 403 (in
scope, not allowed; from the API also a stage that is not the caller's), 404 (outside the scope, or not public),
405 (wrong method), 409 (the API refusing a step in the table's state).

The REST API's routes (``api:…``) are called with each role's token and JSON bodies; the API checks the method
before the token, so a wrong method is 405 for anyone there.
"""

from __future__ import annotations

import copy
import datetime
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jixiao.library import open_library
from jixiao.web.models import (
    ApiToken,
    Attachment,
    AuditEntry,
    Decision,
    FilingRound,
    Notice,
    ReportDecision,
    Role,
    RoleAssignment,
    RoundKind,
    RoundReport,
    TableRecord,
    TableVersion,
    Unit,
    UploadedFile,
)
from jixiao.web.services import attachments, demo, imports, monitoring, rounds, tokens, workflow
from jixiao.web.services.findings import review_data

ROLES = tuple(demo.USERS)  # clerk, unitlead, deptreviewer, finance, admin
PRINCIPALS = (*ROLES, None)  # None: an anonymous visitor
SEES_EVERY_UNIT = {"finance", "admin"}
UNIT_ROLES = {"clerk", "unitlead"}
#: The states a table passes through, each made by the workflow services in :func:`tables`.
STATES = ("draft", "submitted", "reviewed", "approved", "published", "returned", "adjusting")
EDITABLE = {"draft", "returned", "adjusting"}
PUBLIC = {"published", "adjusting"}  # the public sees the published version while an adjustment is drafted
CLEAN_TEXT = (Path(__file__).resolve().parents[2] / "tests" / "data" / "review" / "clean" / "training.txt").read_bytes()

PDF = b"%PDF-1.4\n%%EOF\n"

Rule = Callable[[str, str], Any]  # (role, state) → outcome


def always(outcome: Any) -> Rule:
    return lambda _role, _state: outcome


def when(states: set[str], roles: set[str] | None = None) -> Rule:
    """ "done" in these states (for these roles), else "ok": the step is refused with a message."""
    return lambda role, state: "done" if state in states and (roles is None or role in roles) else "ok"


@dataclass(frozen=True)
class Route:
    """What a route should answer. ``target`` is what its URL names; ``holders`` the roles with its permission."""

    target: str | None = None  # "table", "upload", "attachment", "round", "notice", "account" (a user), or None
    holders: set[str] | None = None  # None: every signed-in user
    login: bool = True
    post_only: bool = False
    get: Rule = field(default=always("ok"))
    post: Rule = field(default=always("ok"))
    public: Callable[[str, str], Any] | None = None  # for pages without login: (state, method) → outcome
    api: set[str] | None = None  # an API route: the methods it answers (any other is 405, before the token)
    post_holders: set[str] | None = None  # an API route whose POST is another operation: the roles it allows


def api_route(methods: str, **kwargs: Any) -> Route:
    return Route(api=set(methods.split()), **kwargs)


PUBLIC_API = {"login": False, "public": lambda _state, _method: "ok"}
REVIEWING = {("deptreviewer", "submitted"), ("finance", "reviewed")}
#: a reviewer meeting a table waiting at the other reviewer's stage
OTHERS_STAGE = {("deptreviewer", "reviewed"), ("finance", "submitted")}


def when_api(states: set[str]) -> Rule:
    """ "done" in these states, else the API's 409 (the step is refused in this state)."""
    return lambda _role, state: "done" if state in states else 409


def reviewing(role: str, state: str) -> Any:
    if (role, state) in REVIEWING:
        return "done"
    return 403 if (role, state) in OTHERS_STAGE else 409


ROUTES: dict[str, Route] = {
    "web:public": Route(login=False, public=lambda _state, _method: "ok"),
    "web:public_detail": Route(target="table", login=False, public=lambda s, _m: "ok" if s in PUBLIC else 404),
    "web:public_export": Route(target="table", login=False, public=lambda s, _m: "ok" if s in PUBLIC else 404),
    "web:public_attachment": Route(target="table", login=False, public=lambda s, _m: "ok" if s in PUBLIC else 404),
    "web:health": Route(login=False, public=lambda _state, method: "ok" if method == "get" else 405),
    "web:login": Route(login=False, public=lambda _state, _method: "ok"),
    "web:logout": Route(login=False, public=lambda _state, method: 405 if method == "get" else "ok"),
    "web:password_change": Route(),  # a POST without the old password is the form again
    "web:todo": Route(),
    "web:table_list": Route(),
    "web:table_new": Route(holders=UNIT_ROLES, post=always("done")),
    "web:live_review": Route(holders=UNIT_ROLES, post_only=True),
    "web:library_suggest": Route(holders=UNIT_ROLES),  # JSON for the editor, by either method
    "web:table_detail": Route(target="table"),
    "web:table_compare": Route(target="table"),
    "web:table_edit": Route(target="table", holders=UNIT_ROLES, post=when(EDITABLE)),
    "web:table_submit": Route(target="table", holders={"unitlead"}, post=when(EDITABLE)),
    "web:table_review": Route(
        target="table",
        holders={"deptreviewer", "finance"},
        post=lambda role, state: (
            "done" if (role, state) in {("deptreviewer", "submitted"), ("finance", "reviewed")} else "ok"
        ),
    ),
    "web:table_publish": Route(target="table", holders={"finance"}, post_only=True, post=when({"approved"})),
    "web:table_adjust": Route(
        target="table", holders={"unitlead"}, post_only=True, post=when({"approved", "published"})
    ),
    "web:table_delete": Route(target="table", holders=UNIT_ROLES, post_only=True, post=when({"draft"})),
    "web:table_export": Route(target="table"),
    "web:table_years": Route(target="table"),
    # these tables have no year before theirs: the link is refused with a message (taken: test_web_years.py)
    "web:table_link": Route(target="table", holders={"deptreviewer", "finance"}, post_only=True),
    "web:attach": Route(target="table", holders=UNIT_ROLES, post_only=True, post=when(EDITABLE)),
    "web:attachment": Route(target="attachment"),
    "web:attachment_remove": Route(target="attachment", holders=UNIT_ROLES, post_only=True, post=when(EDITABLE)),
    "web:import": Route(holders=UNIT_ROLES, post=always("done")),
    "web:import_preview": Route(target="upload", holders=UNIT_ROLES, post=always("done")),
    "web:original_file": Route(target="upload"),
    # the uploads here are text, not scans: there is no cell image to cut out
    "web:scan_cell": Route(target="upload", holders=UNIT_ROLES, get=always(404), post=always(404)),
    "web:users": Route(holders={"admin"}),
    # the matrix's tables are in review, so a valid chain is refused with a message (set: test_web_stages.py)
    "web:stages": Route(holders={"finance", "admin"}),
    # no report of the matrix is in review: the profile is changed (an audit entry), the drafts scored again
    "web:office_profile": Route(holders={"finance", "admin"}, post=always("done")),
    "web:user_new": Route(holders={"admin"}, post=always("done")),
    "web:user_detail": Route(target="account", holders={"admin"}, post=always("done")),
    "web:user_active": Route(target="account", holders={"admin"}, post_only=True, post=always("done")),
    "web:user_password": Route(target="account", holders={"admin"}, post_only=True, post=always("done")),
    "web:library": Route(holders={"finance", "admin"}),
    # the matrix posts no entry: refused with a message (curation: test_web_library.py)
    "web:library_curate": Route(holders={"finance", "admin"}, post_only=True),
    "web:library_rebuild": Route(holders={"finance", "admin"}, post_only=True, post=always("done")),
    "web:rounds": Route(),
    "web:round_new": Route(holders={"finance"}, post=always("done")),
    "web:round_detail": Route(target="round"),
    "web:round_export": Route(target="round", holders={"deptreviewer", "finance"}),
    "web:round_close": Route(target="round", holders={"finance"}, post_only=True, post=always("done")),
    # the matrix's round is open: opening it again is refused with a message (taken: test_web_rounds.py)
    "web:round_reopen": Route(target="round", holders={"finance"}, post_only=True),
    # a monitoring round ("monround") with a draft report ("report") on the published table of each scope
    "web:round_reports": Route(target="monround", holders={"deptreviewer", "finance"}),
    "web:report_start": Route(target="monround", holders=UNIT_ROLES, post_only=True, post=always("done")),
    "web:report_detail": Route(target="report"),
    "web:report_edit": Route(target="report", holders=UNIT_ROLES, post=always("done")),
    "web:report_live": Route(target="report", holders=UNIT_ROLES, post_only=True),
    "web:report_decide": Route(target="report", holders={"deptreviewer", "finance"}, post_only=True),
    "web:report_publish": Route(target="report", holders={"finance"}, post_only=True),
    "web:report_export": Route(target="report"),
    "web:dashboard": Route(holders={"deptreviewer", "finance"}),
    "web:dashboard_export": Route(holders={"deptreviewer", "finance"}),
    "web:inbox": Route(),
    "web:notice": Route(target="notice"),
    "web:inbox_read_all": Route(post_only=True),
    "web:api_tokens": Route(post=always("done")),
    "web:api_token_revoke": Route(target="token", post_only=True, post=always("done")),
    # the REST API
    "api:api-root": Route(login=False, public=lambda _state, _method: 404),
    "api:openapi-json": api_route("get", **PUBLIC_API),
    "api:openapi-view": api_route("get", **PUBLIC_API),
    "api:token_create": api_route("post", login=False, public=lambda _s, _m: "login"),  # a wrong password: 401
    "api:tables_list": api_route("get post", post_holders=UNIT_ROLES, post=always("done")),
    "api:table_save": api_route("get post", post_holders=UNIT_ROLES, post=always("done")),
    "api:table_get": api_route("get", target="table"),
    "api:table_versions": api_route("get", target="table"),
    "api:table_review": api_route("get", target="table"),
    "api:table_submit": api_route("post", target="table", holders={"unitlead"}, post=when_api(EDITABLE)),
    "api:table_return": api_route("post", target="table", holders={"deptreviewer", "finance"}, post=reviewing),
    "api:table_approve": api_route("post", target="table", holders={"deptreviewer", "finance"}, post=reviewing),
    "api:table_publish": api_route("post", target="table", holders={"finance"}, post=when_api({"approved"})),
    "api:table_adjust": api_route(
        "post", target="table", holders={"unitlead"}, post=when_api({"approved", "published"})
    ),
    "api:tables_import": api_route("post", holders=UNIT_ROLES, post=always("done")),
    "api:attachments_list": api_route("get post", target="table", post_holders=UNIT_ROLES, post=when_api(EDITABLE)),
    "api:attachment_upload": api_route("get post", target="table", post_holders=UNIT_ROLES, post=when_api(EDITABLE)),
    "api:rounds_list": api_route("get"),
    "api:round_progress": api_route("get", target="round", holders={"deptreviewer", "finance"}),
    "api:public_tables_list": api_route("get", **PUBLIC_API),  # type: ignore[arg-type]
    "api:public_table_get": api_route(
        "get", target="table", login=False, public=lambda s, _m: "ok" if s in PUBLIC else 404
    ),
    # a report on the approved table ("unreported") of each scope, in its monitoring or self-evaluation round
    "api:monitoring_get": api_route("get post", target="monround", post_holders=UNIT_ROLES, post=always("done")),
    "api:monitoring_save": api_route("get post", target="monround", post_holders=UNIT_ROLES, post=always("done")),
    "api:selfeval_get": api_route("get post", target="evalround", post_holders=UNIT_ROLES, post=always("done")),
    "api:selfeval_save": api_route("get post", target="evalround", post_holders=UNIT_ROLES, post=always("done")),
    "api:library_suggest": api_route("get"),
    "api:library_indicator": api_route("get"),
}


def routes() -> Iterator[tuple[str, URLPattern]]:
    """Every named route of the site's URLconf, as ``namespace:name``."""

    def walk(patterns: list[Any], namespace: str) -> Iterator[tuple[str, URLPattern]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern

    yield from walk(get_resolver().url_patterns, "")


def expected(route: Route, role: str | None, scope: str, state: str, method: str) -> Any:
    if route.api is not None and method not in route.api:
        return 405
    if route.public is not None:
        return route.public(state, method)
    if role is None:
        return "login"
    if route.post_only and method == "get":
        return 405
    scoped = ("table", "upload", "round", "attachment", "monround", "evalround", "report")
    if route.target in scoped and scope == "other" and role not in SEES_EVERY_UNIT:
        return 404
    if route.target in ("notice", "token") and scope == "other":
        return 404  # somebody else's notice or token
    holders = route.post_holders if route.post_holders is not None and method == "post" else route.holders
    if holders is not None and role not in holders:
        return 403
    return (route.get if method == "get" else route.post)(role, state)


class Rollback(Exception):
    """Undoes a request's changes, so that every cell starts from the same store."""


def fingerprint(record: TableRecord) -> tuple[Any, ...]:
    record.refresh_from_db()
    counted = (TableRecord, TableVersion, UploadedFile, Decision, AuditEntry, FilingRound, RoundReport, ReportDecision)
    return (
        *(model.objects.count() for model in counted),
        tuple(RoundReport.objects.order_by("pk").values_list("status", "revision")),
        FilingRound.objects.filter(closed=True).count(),
        ApiToken.objects.count(),
        ApiToken.objects.filter(revoked_at__isnull=False).count(),
        Attachment.objects.filter(removed_at__isnull=True).count(),
        record.status,
        record.stage,
        record.deleted_at,
        record.published_version_id,
        record.latest.revision,
    )


@pytest.fixture
def stand_ins(users: dict[str, Any], other_unit: Unit) -> dict[str, Any]:
    """The other department's reviewer and the other unit's lead, to take its table along the chain."""
    made = {}
    for name, role, unit, department in (
        ("otherlead", Role.UNIT_LEAD, other_unit, None),
        ("otherreviewer", Role.DEPARTMENT_REVIEWER, None, other_unit.department),
    ):
        user = type(users["clerk"]).objects.create_user(username=name)
        RoleAssignment.objects.create(user=user, role=role, unit=unit, department=department)
        made[name] = user
    return made


def _take(record: TableRecord, state: str, lead: Any, reviewer: Any, finance: Any) -> None:
    def seen() -> int:
        return TableRecord.objects.get(pk=record.pk).latest.number

    if state == "draft":
        return
    latest = record.latest
    explained = demo.explain_warnings(latest.data)
    workflow.submit(record, actor=lead, version=latest.number, revision=latest.revision, explanations=explained)
    if state == "submitted":
        return
    if state == "returned":
        workflow.return_for_changes(record, actor=reviewer, version=seen(), comment="请修改")
        return
    workflow.approve(record, actor=reviewer, version=seen())
    if state == "reviewed":
        return
    workflow.approve(record, actor=finance, version=seen())
    if state == "approved":
        return
    workflow.publish(record, actor=finance, version=seen())
    if state == "adjusting":
        workflow.start_adjustment(record, actor=lead, comment="预算调减")


@pytest.fixture
def tables(
    users: dict[str, Any],
    stand_ins: dict[str, Any],
    sasac: Unit,
    other_unit: Unit,
    seed_data: list[dict[str, Any]],
) -> dict[tuple[str, str], tuple[TableRecord, UploadedFile, Attachment]]:
    """(scope, state) → a table in that state with the upload it came from and a 佐证资料 file marked public: in
    the 国资委 unit ("own") and in a unit of the other department ("other")."""
    made = {}
    for scope, unit, data, lead, reviewer in (
        ("own", sasac, seed_data[0], users["unitlead"], users["deptreviewer"]),
        ("other", other_unit, seed_data[3], stand_ins["otherlead"], stand_ins["otherreviewer"]),
    ):
        for state in STATES:
            upload = imports.store(unit, actor=users["admin"], name="training.txt", content=CLEAN_TEXT)
            record = workflow.create_table(unit, actor=lead, data=copy.deepcopy(data), source_file=upload)
            attached = attachments.attach(record, actor=lead, name="依据.pdf", content=PDF, indicator=0, public=True)
            _take(record, state, lead, reviewer, users["finance"])
            record.refresh_from_db()
            made[scope, state] = (record, upload, attached)
    return made


def url_of(name: str, pattern: URLPattern, objects: dict[str, Any]) -> str:
    converters = pattern.pattern.converters  # type: ignore[attr-defined]
    kwargs: dict[str, Any] = {}
    for key in converters:
        if key == "file":
            kwargs[key] = objects["attachment"].pk
        elif key in ("grid", "row", "column"):
            kwargs[key] = 0
        elif key == "chart":
            kwargs[key] = "rules"
        elif key == "kind":
            kwargs[key] = "xlsx" if name in ("web:round_export", "web:report_export") else "json"
        elif key == "pk":
            kwargs[key] = objects[ROUTES[name].target or ""].pk
        elif key == "table":
            kwargs[key] = objects["unreported"].pk
        else:
            raise AssertionError(f"{name}: no value for the URL's {key!r}; say how to build it here")
    return reverse(name, kwargs=kwargs)


def post_data(name: str, record: TableRecord, own_unit: Unit, report: RoundReport) -> dict[str, Any]:
    """A valid form for the route, so that a cell where the step is allowed shows it taken ("done")."""
    if name in ("web:report_edit", "web:report_live", "web:report_decide", "web:report_publish"):
        return {"revision": str(report.revision), "budget-executed": "100", "decision": "approved"}
    latest = record.latest
    data = latest.data
    if name in ("web:table_edit", "web:table_new", "web:live_review"):
        form: dict[str, Any] = {
            "year": str(data.get("year") or 2024),
            "revision": str(latest.revision),
            "unit": str(own_unit.pk),
            "funding-unit": data["funding"].get("unit") or "万元",
            **{f"funding-{part}": data["funding"].get(part, "") for part in ("total", "fiscal", "other")},
            **{key: data.get(key, "") for key in ("project_name", "budget_unit", "department", "overall_goal")},
        }
        for key in ("level1", "level2", "name", "target", "basis", "prior", "weight", "scoring_rule", "evidence"):
            form[f"ind-{key}"] = [row.get(key, "") for row in data["indicators"]]
        form["project_name"] = f"{form['project_name']}（矩阵）"
        return form
    if name == "web:table_submit":
        return demo.submission_form(record)
    if name == "web:table_review":
        return {"decision": "approved", "comment": "矩阵测试", "version": str(latest.number)}
    if name == "web:table_publish":
        return {"version": str(latest.number), "confirm": "1"}
    if name == "web:attach":
        file = io.BytesIO(PDF)
        file.name = "佐证.pdf"
        return {"file": file, "indicator": "1"}
    if name == "web:import":
        file = io.BytesIO(CLEAN_TEXT)
        file.name = "training.txt"
        return {"file": file}
    if name == "web:import_preview":
        return {"table": "0", "year": "2024"}
    if name == "web:round_new":
        deadline = rounds.today() + datetime.timedelta(days=20)
        return {"kind": "target", "year": "2025", "deadline": deadline.isoformat(), "units": [str(own_unit.pk)]}
    if name == "web:login":
        return {"username": "nobody", "password": "wrong-password"}
    if name == "web:stages":
        return {"stage-name": ["提交", "财政复审", "公开"], "stage-role": ["unit_lead", "finance_reviewer"] * 2}
    if name == "web:office_profile":
        return {"profile": "hubei"}
    if name == "web:user_new":
        return {"username": "matrix", "role": "unit_clerk", "unit": str(own_unit.pk)}
    if name == "web:user_detail":
        return {"name": "矩阵", "role": "unit_lead", "unit": str(own_unit.pk)}
    if name == "web:api_tokens":
        return {"name": "矩阵测试"}
    return {"comment": "矩阵测试"}


def api_body(name: str, record: TableRecord, own_unit: Unit) -> tuple[dict[str, Any], bool]:
    """A valid request body for the API route and whether it is multipart (else JSON)."""
    latest = record.latest
    if name in ("api:tables_list", "api:table_save"):
        data = {**latest.data, "project_name": f"{latest.data['project_name']}（矩阵）"}
        return {"data": data, "unit": own_unit.pk}, False
    if name == "api:table_submit":
        codes = dict.fromkeys(f.code for f in review_data(latest.data).warnings)
        explained = dict.fromkeys(codes, "演示数据：已核实，按计划执行。")
        return {"version": latest.number, "revision": latest.revision, "explanations": explained}, False
    if name in ("api:table_return", "api:table_approve", "api:table_publish"):
        return {"version": latest.number, "comment": "矩阵测试"}, False
    if name == "api:tables_import":
        file = io.BytesIO(CLEAN_TEXT)
        file.name = "training.txt"
        return {"file": file}, True
    if name in ("api:attachments_list", "api:attachment_upload"):
        file = io.BytesIO(PDF)
        file.name = "佐证.pdf"
        return {"file": file, "indicator": "0"}, True
    if name == "api:token_create":
        return {"username": "nobody", "password": "wrong-password"}, False
    if name.startswith(("api:monitoring_", "api:selfeval_")):
        return {"revision": 0, "data": {"budget": {"executed": "100"}}}, False
    return {"comment": "矩阵测试"}, False


def api_call(
    client: Client, name: str, url: str, method: str, record: TableRecord, own_unit: Unit, queries: dict[str, str]
) -> Any:
    if method == "get":
        return client.get(url + queries.get(name, ""))
    body, multipart = api_body(name, record, own_unit)
    if multipart:
        return client.post(url, body)
    return client.post(url, json.dumps(body), content_type="application/json")


def outcome(response: Any, before: tuple[Any, ...], after: tuple[Any, ...]) -> Any:
    if response.status_code in (400, 403, 404, 405, 409):
        return response.status_code
    if response.status_code == 401 or (response.status_code == 302 and "/login/" in response["Location"]):
        return "login"
    assert response.status_code in (200, 201, 302), response.status_code
    return "done" if after != before else "ok"


def test_every_route_has_its_expectations() -> None:
    served = {name for name, _pattern in routes()}
    assert served - set(ROUTES) == set(), "routes without an expectation in ROUTES"
    assert set(ROUTES) - served == set(), "expectations for routes the URLconf no longer serves"


@pytest.mark.parametrize("role", PRINCIPALS)
def test_permission_matrix(
    role: str | None,
    tables: dict[Any, Any],
    users: dict[str, Any],
    stand_ins: dict[str, Any],
    client_for: Any,
    sasac: Unit,
    other_unit: Unit,
    seed_library: Path,
) -> None:
    client: Client = client_for(role)
    key = open_library(seed_library).entries()[0].key
    # the parameters an API route needs to answer
    queries = {"api:library_suggest": "?q=培训", "api:library_indicator": "?" + urlencode({"key": key})}
    secret = tokens.create(users[role], name="矩阵", via="web").secret if role else None
    api_client = Client(headers={"Authorization": f"Bearer {secret}"} if secret else {})
    own_token = tokens.create(users[role or "admin"], name="可吊销", via="web").token
    other_token = tokens.create(users["admin" if role == "clerk" else "clerk"], name="他人的", via="web").token
    mine = Notice.objects.create(user=users[role or "admin"], kind="task", title="矩阵：本人的通知")
    others = Notice.objects.create(user=users["admin" if role == "clerk" else "clerk"], kind="task", title="他人的")
    rounds_of = {
        scope: rounds.open_round(
            sasac.department.office,
            actor=users["finance"],
            kind=RoundKind.TARGETS,
            year=2024,
            deadline=rounds.today() + datetime.timedelta(days=10),
            units=[unit],
        )
        for scope, unit in (("own", sasac), ("other", other_unit))
    }
    monitoring_rounds = {
        scope: rounds.open_round(
            sasac.department.office,
            actor=users["finance"],
            kind=RoundKind.MONITORING,
            year=2024,
            period="1-6月",
            deadline=rounds.today() + datetime.timedelta(days=10),
            units=[unit],
        )
        for scope, unit in (("own", sasac), ("other", other_unit))
    }
    evaluation_rounds = {
        scope: rounds.open_round(
            sasac.department.office,
            actor=users["finance"],
            kind=RoundKind.SELF_EVALUATION,
            year=2024,
            deadline=rounds.today() + datetime.timedelta(days=10),
            units=[unit],
        )
        for scope, unit in (("own", sasac), ("other", other_unit))
    }
    leads = {"own": users["clerk"], "other": stand_ins["otherlead"]}
    reports_of = {
        scope: monitoring.get(tables[scope, "published"][0], monitoring_rounds[scope], actor=leads[scope])
        for scope in ("own", "other")
    }
    got, wanted = {}, {}
    for name, pattern in routes():
        route = ROUTES[name]
        scopes = ("own", "other") if route.target else ("own",)
        states = STATES if route.target == "table" else ("draft",)
        for scope in scopes:
            for state in states:
                record, upload, attached = tables[scope, state]
                objects = {
                    "table": record,
                    "upload": upload,
                    "attachment": attached,
                    "round": rounds_of[scope],
                    "notice": mine if scope == "own" else others,
                    "account": users["clerk"] if scope == "own" else stand_ins["otherlead"],
                    "token": own_token if scope == "own" else other_token,
                    "monround": monitoring_rounds[scope],
                    "evalround": evaluation_rounds[scope],
                    "report": reports_of[scope],
                    "unreported": tables[scope, "approved"][0],
                }
                url = url_of(name, pattern, objects)
                for method in ("get", "post"):
                    before = fingerprint(record)
                    try:
                        with transaction.atomic():
                            if name.startswith("api:"):
                                response = api_call(api_client, name, url, method, record, sasac, queries)
                            elif method == "get":
                                response = client.get(url)
                            else:
                                response = client.post(url, post_data(name, record, sasac, reports_of[scope]))
                            after = fingerprint(record)
                            raise Rollback
                    except Rollback:
                        pass
                    if name == "web:logout" and role is not None:
                        client.force_login(users[role])  # the session went with the request's rollback
                    cell = (name, scope, state, method)
                    got[cell] = outcome(response, before, after)
                    wanted[cell] = expected(route, role, scope, state, method)
    wrong = {cell: (got[cell], wanted[cell]) for cell in got if got[cell] != wanted[cell]}
    listed = "\n".join(f"{cell}: got {g!r}, expected {w!r}" for cell, (g, w) in sorted(wrong.items(), key=str))
    assert not wrong, f"{len(wrong)} of {len(got)} cells differ:\n{listed}"


def test_anonymous_visitors_see_published_tables_only(
    users: dict[str, Any], draft: Any, client_for: Any, walk: Any
) -> None:
    anonymous = client_for(None)
    assert anonymous.get(reverse("web:public_detail", args=[draft.pk])).status_code == 404
    assert "国有资本经营预算项目" not in anonymous.get(reverse("web:public")).content.decode()
    walk(draft, "approved")
    assert anonymous.get(reverse("web:public_detail", args=[draft.pk])).status_code == 404
    workflow.publish(draft, actor=users["finance"], version=1)
    page = anonymous.get(reverse("web:public_detail", args=[draft.pk]))
    assert page.status_code == 200
    assert "支持国有企业户数" in page.content.decode()
    assert "国有资本经营预算项目" in anonymous.get(reverse("web:public")).content.decode()


def test_unit_roles_cannot_create_tables_for_another_unit(
    users: dict[str, Any], other_unit: Unit, client_for: Any
) -> None:
    response = client_for("clerk").post(reverse("web:table_new"), {"unit": other_unit.pk, "project_name": "越权"})
    assert response.status_code == 404
    with pytest.raises(imports.UploadRefused):
        imports.check("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)


def test_anyone_downloads_a_published_table_but_not_a_draft(
    users: dict[str, Any], draft: Any, client_for: Any, walk: Any
) -> None:
    anonymous = client_for(None)
    url = reverse("web:public_export", args=[draft.pk, "json"])
    assert anonymous.get(url).status_code == 404
    walk(draft, "published")
    document = anonymous.get(url).json()
    assert document["tables"][0]["indicators"][0]["name"] == "支持国有企业户数"


def test_the_administrator_does_not_publish(users: dict[str, Any], draft: Any, walk: Any) -> None:
    walk(draft, "approved")
    with pytest.raises(workflow.WorkflowError, match="公开由“财政公开”办理"):
        workflow.publish(draft, actor=users["admin"], version=1)
    draft.refresh_from_db()
    assert draft.published_version is None
