"""Every parameter that does not fit — a superscript digit, a number past any column, a NUL anywhere — is a 400
with a Chinese message on SQLite and on PostgreSQL, never a 500 (nor a database error)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from test_web_forms import NUL, refused
from test_web_pages import editor_post

from jixiao.web.models import TableRecord, UploadedFile

HUGE = "99999999999"  # past PostgreSQL's integer
HUGER = "9" * 30  # past its bigint


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "²"}, "年度：须是整数"),
        ({"year": HUGE}, "年度：不能大于 2100"),
        ({"unit": "²"}, "预算单位：须是整数"),
        ({"status": "draft\x00"}, "状态：没有"),
        ({"severity": "\x00"}, "审核结果：没有"),
        ({"after": "1\x00"}, f"翻页：{NUL}"),
        ({"after": "bm90IG91cnM"}, "翻页：链接无效"),
        ({"before": "WzEsMl0"}, "翻页：链接无效"),  # [1, 2]: not a row of the list
        ({"q": "\x00"}, f"搜索：{NUL}"),
    ],
)
def test_the_list_refuses(query: dict[str, str], message: str, draft: Any, client_for: Any) -> None:
    refused(client_for("clerk").get(reverse("web:table_list"), query), message)


def test_a_unit_past_any_id_is_no_unit(draft: Any, client_for: Any) -> None:
    response = client_for("clerk").get(reverse("web:table_list"), {"unit": HUGE})
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    refused(client_for("clerk").get(reverse("web:table_list"), {"unit": HUGER}), "预算单位：数值过大，没有这一项")


def test_full_width_digits_are_a_year(draft: Any, client_for: Any) -> None:
    response = client_for("clerk").get(reverse("web:table_list"), {"year": "２０２４"})
    assert [record.pk for record in response.context["page"]] == [draft.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [({"q": "\x00"}, f"搜索：{NUL}"), ({"before": "\x00"}, f"翻页：{NUL}"), ({"after": "WyJ4Il0"}, "翻页：链接无效")],
)
def test_the_public_list_refuses(query: dict[str, str], message: str, db: Any, client_for: Any) -> None:
    refused(client_for(None).get(reverse("web:public"), query), message)


def test_a_version_that_is_not_there_is_not_found(draft: Any, client_for: Any) -> None:
    clerk = client_for("clerk")
    detail, export = reverse("web:table_detail", args=[draft.pk]), reverse("web:table_export", args=[draft.pk, "json"])
    refused(clerk.get(detail, {"version": "²"}), "版本：须是整数")
    for version in ("2", HUGE):
        assert clerk.get(detail, {"version": version}).status_code == 404
        assert clerk.get(export, {"version": version}).status_code == 404
    refused(clerk.get(detail, {"version": HUGER}), "版本：数值过大，没有这一项")
    refused(clerk.get(export, {"version": HUGER}), "版本：数值过大，没有这一项")
    assert clerk.get(detail, {"version": "1"}).status_code == 200


@pytest.mark.parametrize("pk", [HUGE, HUGER])
def test_an_id_past_any_row_in_the_path_is_not_found(pk: str, draft: Any, client_for: Any) -> None:
    clerk = client_for("clerk")
    for path in (f"/tables/{pk}/", f"/tables/{pk}/edit/", f"/import/{pk}/", f"/files/{pk}/", f"/public/{pk}/"):
        assert clerk.get(path).status_code == 404, path


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("abc", "修订号：须是整数"),
        ("²", "修订号：须是整数"),
        ("-1", "修订号：不能小于 0"),
        ("1\x00", "修订号：须是整数"),
    ],
)
def test_an_edit_refuses_a_bad_revision(revision: str, message: str, draft: Any, client_for: Any) -> None:
    post = editor_post(draft.latest.data, revision=revision)
    refused(client_for("clerk").post(reverse("web:table_edit", args=[draft.pk]), post), message)


def test_an_edit_from_a_revision_that_never_was_is_a_conflict(draft: Any, client_for: Any) -> None:
    refused(
        client_for("clerk").post(
            reverse("web:table_edit", args=[draft.pk]), editor_post(draft.latest.data, revision=HUGER)
        ),
        "修订号：数值过大，没有这一项",
    )
    post = editor_post(draft.latest.data, revision=HUGE)
    response = client_for("clerk").post(reverse("web:table_edit", args=[draft.pk]), post)
    assert response.status_code == 409
    assert "已被他人保存" in response.content.decode()
    assert TableRecord.objects.get(pk=draft.pk).latest.revision == 1


@pytest.mark.parametrize(("field", "label"), [("username", "用户名"), ("password", "密码")])
def test_the_login_form_refuses_nul(field: str, label: str, users: dict[str, Any], client_for: Any) -> None:
    post = {"username": "clerk", "password": "secret", field: "a\x00b"}
    refused(client_for(None).post(reverse("web:login"), post), f"{label}：{NUL}")


def test_a_year_past_any_column_is_refused_on_save(draft: Any, sasac: Any, client_for: Any) -> None:
    refused(
        client_for("clerk").post(
            reverse("web:table_new"), editor_post(draft.latest.data, unit=str(sasac.pk), year=HUGE)
        ),
        "年度：不能大于 2100",
    )
    refused(
        client_for("clerk").post(reverse("web:table_new"), editor_post(draft.latest.data, unit=HUGER)),
        "预算单位：数值过大，没有这一项",
    )
    assert TableRecord.objects.count() == 1


def test_an_upload_whose_name_has_a_nul_is_refused(users: dict[str, Any], client_for: Any) -> None:
    file = io.BytesIO("项目名称\t测试\n".encode())
    file.name = "t\x00.txt"
    response = client_for("clerk").post(reverse("web:import"), {"file": file})
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert NUL in response.content.decode()
    else:  # Django's upload handler cut the name at the NUL
        assert "\x00" not in UploadedFile.objects.get().name
