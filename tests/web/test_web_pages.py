"""Pages through the test client: escaping, uploads, login limits, filters, exports, the editor's conflict."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

import jixiao
from jixiao.web.forms import TableForm
from jixiao.web.models import Status, TableRecord
from jixiao.web.services import demo, workflow

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed_2024.txt"

SCRIPT = "<script>alert(1)</script>"


def editor_post(data: dict[str, Any], **extra: str) -> dict[str, Any]:
    """The editor form's fields for stored ``data``."""
    post: dict[str, Any] = {
        name: data.get(name) or ""
        for name in ("project_name", "budget_unit", "department", "implementer", "project_lead", "overall_goal")
    }
    post["year"] = str(data["year"])
    for part in ("total", "fiscal", "other", "unit"):
        post[f"funding-{part}"] = data["funding"].get(part) or ""
    for name in (
        "level1",
        "level2",
        "number",
        "name",
        "target",
        "basis",
        "prior",
        "weight",
        "scoring_rule",
        "evidence",
    ):
        post[f"ind-{name}"] = [row.get(name, "") for row in data["indicators"]]
    return {**post, **extra}


def test_the_editor_form_reads_back_to_the_same_data(draft: Any) -> None:
    from django.http import QueryDict

    data = draft.latest.data
    query = QueryDict(mutable=True)
    for key, value in editor_post(data, revision="1").items():
        query.setlist(key, value if isinstance(value, list) else [value])
    assert TableForm(query, saving=True).table_data() == data


def test_a_long_table_saves_from_the_editor(draft: Any, client_for: Any) -> None:
    data = copy.deepcopy(draft.latest.data)
    data["indicators"] = [{**data["indicators"][i % 12], "name": f"指标{i:03d}"} for i in range(150)]
    response = client_for("clerk").post(reverse("web:table_edit", args=[draft.pk]), editor_post(data, revision="1"))
    assert response.status_code == 302
    saved = TableRecord.objects.get(pk=draft.pk).latest.data["indicators"]
    assert len(saved) == 150 and saved[149]["name"] == "指标149"


def test_the_official_layout_shows_the_department_and_implementer_written_in_the_editor(
    draft: Any, users: dict[str, Any], client_for: Any
) -> None:
    data = copy.deepcopy(draft.latest.data)
    data.update(department="自治区国资委（主管）", implementer="国资委企业改革处")
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=1)
    html = client_for("deptreviewer").get(reverse("web:table_detail", args=[draft.pk])).content.decode()
    assert (
        '<tr><th class="label" colspan="2">主管部门</th><td class="value" colspan="3">自治区国资委（主管）</td>'
        '<th class="label" colspan="2">实施单位</th><td class="value" colspan="2">国资委企业改革处</td></tr>'
    ) in html


def test_script_in_a_cell_is_escaped_on_every_page(
    draft: Any, users: dict[str, Any], client_for: Any, submit: Any
) -> None:
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["name"] = SCRIPT
    data["overall_goal"] = SCRIPT
    client = client_for("clerk")
    response = client.post(reverse("web:table_edit", args=[draft.pk]), editor_post(data, revision="1"))
    assert response.status_code == 302
    assert TableRecord.objects.get(pk=draft.pk).latest.data["indicators"][0]["name"] == SCRIPT
    pages = [
        client.get(reverse("web:table_detail", args=[draft.pk])),
        client.get(reverse("web:table_edit", args=[draft.pk])),
    ]
    unfinished = copy.deepcopy(data)
    unfinished["indicators"][0]["target"] = ""  # JX-C005's message quotes the indicator's name
    live = client.post(reverse("web:live_review"), editor_post(unfinished))
    assert "JX-C005" in live.content.decode()
    pages.append(live)
    submit(draft, users["unitlead"])
    pages.append(client_for("deptreviewer").get(reverse("web:table_review", args=[draft.pk])))
    workflow.approve(draft, actor=users["deptreviewer"], version=1)
    workflow.approve(draft, actor=users["finance"], version=1)
    workflow.publish(draft, actor=users["finance"], version=1)
    pages.append(client_for(None).get(reverse("web:public_detail", args=[draft.pk])))
    for page in pages:
        html = page.content.decode()
        assert SCRIPT not in html, page.request["PATH_INFO"]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page.request["PATH_INFO"]


def test_login_is_rate_limited(users: dict[str, Any], client_for: Any, settings: Any, password: str) -> None:
    cache.clear()
    client = client_for(None)
    for _ in range(settings.JIXIAO_LOGIN_MAX_FAILURES):
        response = client.post(reverse("web:login"), {"username": "clerk", "password": "wrong"})
        assert "用户名或密码不正确" in response.content.decode()
    response = client.post(reverse("web:login"), {"username": "clerk", "password": password})
    assert response.status_code == 200
    assert "登录失败次数过多" in response.content.decode()
    cache.clear()
    response = client.post(reverse("web:login"), {"username": "clerk", "password": password})
    assert response.status_code == 302 and response["Location"] == reverse("web:todo")


def test_one_users_failures_do_not_lock_out_colleagues_at_the_same_address(
    users: dict[str, Any], client_for: Any, settings: Any, password: str
) -> None:
    cache.clear()
    settings.JIXIAO_LOGIN_MAX_FAILURES_PER_ADDRESS = 8
    client = client_for(None)
    for _ in range(settings.JIXIAO_LOGIN_MAX_FAILURES):
        client.post(reverse("web:login"), {"username": "clerk", "password": "wrong"})
    response = client.post(reverse("web:login"), {"username": "unitlead", "password": password})
    assert response.status_code == 302
    client.post(reverse("web:logout"))
    for _ in range(3):
        client.post(reverse("web:login"), {"username": "finance", "password": "wrong"})
    response = client.post(reverse("web:login"), {"username": "admin", "password": password})
    assert "登录失败次数过多" in response.content.decode()
    cache.clear()


def test_login_failures_are_counted_in_the_database(users: dict[str, Any], client_for: Any) -> None:
    """Shared by every worker process of a deployment, unlike a per-process memory cache."""
    from django.db import connection

    cache.clear()
    client_for(None).post(reverse("web:login"), {"username": "Clerk ", "password": "wrong"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM web_cache")
        keys = sorted(row[0] for row in cursor.fetchall())
    assert keys == [":1:login-fail:addr:127.0.0.1", ":1:login-fail:user:clerk"]
    cache.clear()


def test_pages_other_than_public_ones_need_a_login(client_for: Any, db: Any) -> None:
    anonymous = client_for(None)
    assert anonymous.get(reverse("web:public")).status_code == 200
    response = anonymous.get(reverse("web:table_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


def test_the_list_filters_and_pages(
    users: dict[str, Any], sasac: Any, seed_data: list[dict[str, Any]], clean_data: dict[str, Any], client_for: Any
) -> None:
    for index in range(23):
        # even: a table the review finds nothing in; odd: seed table 1, with its six warnings
        data = copy.deepcopy(clean_data if index % 2 == 0 else seed_data[0])
        data["project_name"] = f"项目{index:02d}"
        data["year"] = 2023 if index < 3 else 2024
        if index == 5:
            data["indicators"][0]["target"] = ""  # JX-C005: a 三级指标 without its 指标值
        workflow.create_table(sasac, actor=users["clerk"], data=data)
    client = client_for("deptreviewer")
    response = client.get(reverse("web:table_list"))
    first = response.content.decode()
    assert "共 23 张" in first and "下一页" in first and "上一页" not in first
    assert "项目22" in first and "项目02" not in first  # newest first
    cursor = response.context["page"].next_cursor
    assert f'href="?after={cursor}"' in first
    second = client.get(reverse("web:table_list"), {"after": cursor})
    assert [r.project_name for r in second.context["page"]] == ["项目02", "项目01", "项目00"]
    assert "上一页" in second.content.decode() and "下一页" not in second.content.decode()
    back = client.get(reverse("web:table_list"), {"before": second.context["page"].previous_cursor})
    assert [r.project_name for r in back.context["page"]][:2] == ["项目22", "项目21"]
    assert client.get(reverse("web:table_list"), {"year": 2023}).context["count"] == 3
    errors = client.get(reverse("web:table_list"), {"severity": "error"}).context["page"]
    assert [r.project_name for r in errors] == ["项目05"]
    warnings = client.get(reverse("web:table_list"), {"severity": "warning"})
    assert warnings.context["count"] == 10 and {r.warning_count for r in warnings.context["page"]} == {6}
    clean = client.get(reverse("web:table_list"), {"severity": "clean", "status": "draft"})
    assert clean.context["count"] == 12


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf", "json"])
def test_exports_read_back_to_the_same_table(kind: str, draft: Any, client_for: Any, tmp_path: Path) -> None:
    response = client_for("deptreviewer").get(reverse("web:table_export", args=[draft.pk, kind]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f"-v1.{kind}")
    exported = tmp_path / f"table.{kind}"
    exported.write_bytes(response.content)
    (table,) = jixiao.read(exported)
    assert table.project_name == "国有资本经营预算项目"
    assert table.funding.total == 114352
    assert [ind.name for ind in table.indicators][:2] == ["支持国有企业户数", "支持项目数量"]
    assert [ind.target.text for ind in table.indicators if ind.target][:3] == ["10户", "10个", "45%"]
    assert len(table.indicators) == 12


def test_a_stale_save_is_refused_and_the_users_edit_is_kept(draft: Any, client_for: Any) -> None:
    clerk, lead = client_for("clerk"), client_for("unitlead")
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "11户"
    assert clerk.post(reverse("web:table_edit", args=[draft.pk]), editor_post(data, revision="1")).status_code == 302
    theirs = copy.deepcopy(draft.latest.data)
    theirs["indicators"][1]["target"] = "15个"
    response = lead.post(reverse("web:table_edit", args=[draft.pk]), editor_post(theirs, revision="1"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "已被他人保存" in html
    assert 'value="15个"' in html  # nothing the second user typed is lost
    assert 'name="revision" value="2"' in html
    draft.refresh_from_db()
    assert draft.latest.data["indicators"][1]["target"] == "10个"
    assert draft.latest.data["indicators"][0]["target"] == "11户"


def test_posts_without_the_csrf_token_are_refused(draft: Any, users: dict[str, Any]) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["unitlead"])
    response = client.post(reverse("web:table_submit", args=[draft.pk]), {"comment": "x"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    page = client.get(reverse("web:table_submit", args=[draft.pk])).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    explained = demo.submission_form(draft)
    client.post(reverse("web:table_submit", args=[draft.pk]), {"csrfmiddlewaretoken": token, **explained})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
