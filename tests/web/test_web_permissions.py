"""The permission matrix: every role (and an anonymous visitor) against every view and action.

Expected outcomes are written out here, not derived from the code: "ok" (the view runs: 200 or a redirect
after acting), 403 (in scope, permission missing), 404 (outside the role's scope), "login" (anonymous).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.urls import reverse

from jixiao.web.models import Unit, UploadedFile
from jixiao.web.services import imports, workflow
from jixiao.web.services.demo import USERS

ROLES = tuple(USERS)

# action → (method, url name, needs a table)
ACTIONS = {
    "todo": ("get", "web:todo", False),
    "list": ("get", "web:table_list", False),
    "detail": ("get", "web:table_detail", True),
    "new": ("get", "web:table_new", False),
    "edit": ("get", "web:table_edit", True),
    "live_review": ("post", "web:live_review", False),
    "submit": ("get", "web:table_submit", True),
    "review": ("get", "web:table_review", True),
    "publish": ("post", "web:table_publish", True),
    "adjust": ("post", "web:table_adjust", True),
    "export": ("get", "web:table_export", True),
    "import": ("get", "web:import", False),
    "import_preview": ("get", "web:import_preview", "upload"),
    "original_file": ("get", "web:original_file", "upload"),
    "users": ("get", "web:users", False),
}

# role → actions it may take on a table of its own scope
ALLOWED = {
    "clerk": {
        "todo",
        "list",
        "detail",
        "new",
        "edit",
        "live_review",
        "export",
        "import",
        "import_preview",
        "original_file",
    },
    "unitlead": {
        "todo",
        "list",
        "detail",
        "new",
        "edit",
        "live_review",
        "submit",
        "adjust",
        "export",
        "import",
        "import_preview",
        "original_file",
    },
    "deptreviewer": {"todo", "list", "detail", "review", "export", "original_file"},
    "finance": {"todo", "list", "detail", "review", "publish", "export", "original_file"},
    "admin": {"todo", "list", "detail", "publish", "export", "original_file", "users"},
}
# roles whose scope covers the other department's unit
SEES_EVERYTHING = {"finance", "admin"}


@pytest.fixture
def tables(users: dict[str, Any], sasac: Unit, other_unit: Unit, seed_data: list[dict[str, Any]]) -> dict[str, Any]:
    """A table (with its uploaded original) in the 国资委 unit and one in a unit of the other department."""
    result = {}
    for key, unit, data in (("own", sasac, seed_data[0]), ("other", other_unit, seed_data[3])):
        upload = UploadedFile.objects.create(
            name="t.txt",
            content=b"x",
            size=1,
            sha256="0" * 64,
            detected_type="text",
            unit=unit,
            uploaded_by=users["clerk"],
        )
        record = workflow.create_table(unit, actor=users["clerk"], data=copy.deepcopy(data), source_file=upload)
        result[key] = (record, upload)
    return result


def url_for(action: str, record: Any, upload: Any) -> str:
    _method, name, target = ACTIONS[action]
    if target == "upload":
        return reverse(name, args=[upload.pk])
    if action == "export":
        return reverse(name, args=[record.pk, "json"])
    return reverse(name, args=[record.pk]) if target else reverse(name)


def outcome(response: Any) -> Any:
    if response.status_code in (403, 404):
        return response.status_code
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "login"
    assert response.status_code in (200, 302), response.status_code
    return "ok"


@pytest.mark.parametrize("role", [*ROLES, None])
def test_permission_matrix(role: str | None, tables: dict[str, Any], client_for: Any) -> None:
    client = client_for(role)
    got, expected = {}, {}
    for scope in ("own", "other"):
        record, upload = tables[scope]
        for action, (method, _name, target) in ACTIONS.items():
            response = getattr(client, method)(url_for(action, record, upload), {"comment": "矩阵测试"})
            got[scope, action] = outcome(response)
            if role is None:
                expected[scope, action] = "login"
            elif target and scope == "other" and role not in SEES_EVERYTHING:
                expected[scope, action] = 404
            else:
                expected[scope, action] = "ok" if action in ALLOWED[role] else 403
    assert got == expected


def test_anonymous_visitors_see_published_tables_only(
    users: dict[str, Any], draft: Any, client_for: Any, submit: Any
) -> None:
    anonymous = client_for(None)
    assert anonymous.get(reverse("web:public_detail", args=[draft.pk])).status_code == 404
    assert "国有资本经营预算项目" not in anonymous.get(reverse("web:public")).content.decode()
    submit(draft, users["unitlead"])
    workflow.approve(draft, actor=users["finance"])
    assert anonymous.get(reverse("web:public_detail", args=[draft.pk])).status_code == 404
    workflow.publish(draft, actor=users["finance"])
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
    users: dict[str, Any], draft: Any, client_for: Any, submit: Any
) -> None:
    anonymous = client_for(None)
    url = reverse("web:public_export", args=[draft.pk, "json"])
    assert anonymous.get(url).status_code == 404
    submit(draft, users["unitlead"])
    workflow.approve(draft, actor=users["finance"])
    workflow.publish(draft, actor=users["finance"])
    document = anonymous.get(url).json()
    assert document["tables"][0]["indicators"][0]["name"] == "支持国有企业户数"
