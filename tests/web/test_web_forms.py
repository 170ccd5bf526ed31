"""A value that does not fit, posted to any page or given to any filter, is a 400 with a Chinese message, never a 500.

Every test here also runs on PostgreSQL (DATABASE_URL), where a NUL character that reached a query or a JSON column
would be a database error.
"""

from __future__ import annotations

import copy
import io
from typing import Any

import pytest
from django.urls import reverse
from test_web_pages import editor_post

from jixiao.web.models import Status, TableRecord, UploadedFile

NUL = "含有无法保存的控制字符（NUL），请删去后再提交"


def refused(response: Any, message: str) -> None:
    assert response.status_code == 400, response.status_code
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "abc"}, "年度：须是整数"),
        ({"year": "1066"}, "年度：不能小于 1990"),
        ({"unit": "abc"}, "预算单位：须是整数"),
        ({"unit": None}, "预算单位：缺少这一项"),
        ({"project_name": "项目\x00名称"}, f"项目名称：{NUL}"),
        ({"project_name": "长" * 301}, "项目名称：不能超过 300 个字"),
        ({"funding-unit": "美元"}, "金额单位：没有“美元”这一项"),
        ({"ind-name": ["支持国有企业户数\x00"]}, f"三级指标：{NUL}"),
    ],
)
def test_a_new_table_with_a_bad_value_is_refused(
    changes: dict[str, Any], message: str, draft: Any, sasac: Any, client_for: Any
) -> None:
    post = editor_post(draft.latest.data, unit=str(sasac.pk))
    post.update(changes)
    post = {key: value for key, value in post.items() if value is not None}
    refused(client_for("clerk").post(reverse("web:table_new"), post), message)
    assert TableRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"revision": "abc"}, "修订号：须是整数"),
        ({"revision": None}, "修订号：缺少这一项"),
        ({"year": "二〇二四年"}, "年度：须是整数"),
        ({"comment": "\x00"}, f"修改说明：{NUL}"),
        ({"then": "publish"}, "保存后：没有“publish”这一项"),
        ({"ind-target": ["11户", "10个\x00"]}, f"指标值：{NUL}"),
    ],
)
def test_an_edit_with_a_bad_value_is_refused_and_the_edit_kept_on_screen(
    changes: dict[str, Any], message: str, draft: Any, client_for: Any
) -> None:
    data = copy.deepcopy(draft.latest.data)
    data["indicators"][0]["target"] = "11户"
    post = editor_post(data, revision="1")
    post.update(changes)
    post = {key: value for key, value in post.items() if value is not None}
    response = client_for("clerk").post(reverse("web:table_edit", args=[draft.pk]), post)
    refused(response, message)
    assert 'value="11户"' in response.content.decode()  # nothing the user typed is lost
    assert TableRecord.objects.get(pk=draft.pk).latest.data == draft.latest.data


def test_the_live_review_names_the_value_that_does_not_fit(draft: Any, client_for: Any) -> None:
    response = client_for("clerk").post(reverse("web:live_review"), editor_post(draft.latest.data, year="abc"))
    refused(response, "年度：须是整数")
    assert "内容有误，暂不能审核" in response.content.decode()


@pytest.mark.parametrize(("name", "message"), [("comment", "提交说明"), ("explain", "警告说明")])
def test_a_submission_with_a_nul_character_is_refused(name: str, message: str, draft: Any, client_for: Any) -> None:
    from jixiao.web.services import demo

    post = demo.submission_form(draft)
    if name == "comment":
        post["comment"] = "请审核\x00"
    else:
        post[next(key for key in post if key.startswith("explain-"))] = "已核实\x00"
    refused(client_for("unitlead").post(reverse("web:table_submit", args=[draft.pk]), post), f"{message}：{NUL}")
    assert TableRecord.objects.get(pk=draft.pk).status == Status.DRAFT


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"comment": "同意"}, "审核结论：请选择"),
        ({"decision": "approve-all", "comment": "同意"}, "审核结论：没有“approve-all”这一项"),
        ({"decision": "returned", "comment-0": "户数\x00偏低"}, f"对“支持国有企业户数”的意见：{NUL}"),
    ],
)
def test_a_decision_with_a_bad_value_is_refused_and_the_comments_kept(
    post: dict[str, str], message: str, draft: Any, users: dict[str, Any], client_for: Any, submit: Any
) -> None:
    submit(draft, users["unitlead"])
    post = {**post, "comment-1": "请补充依据"}
    response = client_for("deptreviewer").post(reverse("web:table_review", args=[draft.pk]), post)
    refused(response, message)
    html = response.content.decode()
    if "decision" not in post or "comment-0" not in post:
        assert ">请补充依据</textarea>" in html
    assert TableRecord.objects.get(pk=draft.pk).status == Status.SUBMITTED


def test_publishing_and_adjusting_refuse_bad_values(
    draft: Any, users: dict[str, Any], client_for: Any, walk: Any
) -> None:
    walk(draft, "approved")
    publish = reverse("web:table_publish", args=[draft.pk])
    refused(client_for("finance").post(publish, {"comment": "\x00"}), f"说明：{NUL}")
    assert TableRecord.objects.get(pk=draft.pk).status == Status.APPROVED
    adjust = reverse("web:table_adjust", args=[draft.pk])
    refused(client_for("unitlead").post(adjust, {}), "调整原因：请填写")
    refused(client_for("unitlead").post(adjust, {"comment": "调减\x00"}), f"调整原因：{NUL}")
    assert TableRecord.objects.get(pk=draft.pk).versions.count() == 1


def upload_post(**fields: Any) -> dict[str, Any]:
    file = io.BytesIO("项目名称\t测试\n".encode())
    file.name = "t.txt"
    return {"file": file, **fields}


def test_an_upload_with_a_bad_value_is_refused(users: dict[str, Any], client_for: Any) -> None:
    client = client_for("clerk")
    refused(client.post(reverse("web:import"), upload_post(unit="abc")), "预算单位：须是整数")
    refused(client.post(reverse("web:import"), {"unit": ""}), "文件：请选择要导入的文件")
    assert not UploadedFile.objects.exists()


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"table": "0", "year": "abc"}, "年度：须是整数"),
        ({"table": "first", "year": "2024"}, "目标表：须是整数"),
        ({"table": "-1"}, "目标表：不能小于 0"),
        ({"year": "2024"}, "目标表：缺少这一项"),
    ],
)
def test_saving_an_import_with_a_bad_value_is_refused(
    post: dict[str, str], message: str, users: dict[str, Any], client_for: Any
) -> None:
    from test_web_imports import SEED, upload

    client = client_for("clerk")
    preview = upload(client, "seed.txt", SEED.read_bytes())["Location"]
    response = client.post(preview, post)
    refused(response, message)
    assert "找到 6 张目标表" in response.content.decode()  # the preview is shown again
    assert not TableRecord.objects.exists()
    assert client.post(preview, {"table": "6"}).status_code == 404  # there is no seventh table


@pytest.mark.parametrize(
    ("post", "message", "status"),
    [
        ({"username": "clerk\x00", "password": "x"}, f"用户名：{NUL}", 400),
        ({"username": "clerk"}, "密码：这个字段是必填项。", 400),
        ({"username": "clerk", "password": "wrong"}, "用户名或密码不正确", 200),  # an answer, not a bad request
    ],
)
def test_the_login_form_refuses_malformed_fields(
    post: dict[str, str], message: str, status: int, users: dict[str, Any], client_for: Any
) -> None:
    from django.core.cache import cache

    cache.clear()
    response = client_for(None).post(reverse("web:login"), post)
    assert response.status_code == status
    assert message in response.content.decode()
    cache.clear()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "abc"}, "年度：须是整数"),
        ({"unit": "abc"}, "预算单位：须是整数"),
        ({"status": "lost"}, "状态：没有“lost”这一项"),
        ({"severity": "fatal"}, "审核结果：没有“fatal”这一项"),
        ({"q": "国有\x00"}, f"搜索：{NUL}"),
    ],
)
def test_the_list_refuses_a_bad_filter(query: dict[str, str], message: str, draft: Any, client_for: Any) -> None:
    refused(client_for("clerk").get(reverse("web:table_list"), query), message)


def test_other_pages_refuse_bad_query_values(draft: Any, users: dict[str, Any], client_for: Any, submit: Any) -> None:
    clerk = client_for("clerk")
    refused(clerk.get(reverse("web:table_detail", args=[draft.pk]), {"version": "abc"}), "版本：须是整数")
    export = reverse("web:table_export", args=[draft.pk, "json"])
    refused(clerk.get(export, {"version": "0"}), "版本：不能小于 1")
    assert clerk.get(export, {"version": "9"}).status_code == 404
    refused(client_for(None).get(reverse("web:public"), {"q": "\x00"}), f"搜索：{NUL}")
    assert clerk.get(reverse("web:table_list"), {"page": "abc"}).status_code == 200  # an old page link: the first page
