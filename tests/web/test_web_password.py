"""Every user can change their own password, in Chinese; the old one stops working, the session stays."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

NEW = "青山绿水-2025-新口令"


@pytest.mark.parametrize("name", ["clerk", "unitlead", "deptreviewer", "finance", "admin"])
def test_each_role_changes_its_password(name: str, users: dict[str, Any], client_for: Any, password: str) -> None:
    cache.clear()
    client = client_for(name)
    page = client.get(reverse("web:todo")).content.decode()
    assert f'href="{reverse("web:password_change")}">修改密码</a>' in page
    assert "当前密码" in client.get(reverse("web:password_change")).content.decode()
    post = {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    response = client.post(reverse("web:password_change"), post, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:todo")
    assert "密码已修改" in response.content.decode()
    assert client.get(reverse("web:table_list")).status_code == 200  # still signed in
    assert get_user_model().objects.get(username=name).check_password(NEW)
    fresh = Client()
    assert fresh.post(reverse("web:login"), {"username": name, "password": password}).status_code == 200
    assert fresh.post(reverse("web:login"), {"username": name, "password": NEW}).status_code == 302
    cache.clear()


@pytest.mark.parametrize(
    ("post", "message", "status"),
    [
        ({"old_password": "wrong", "new_password1": NEW, "new_password2": NEW}, "你的旧密码不正确", 200),
        ({"new_password1": NEW, "new_password2": NEW + "x"}, "新密码确认：输入的两个密码不一致", 200),
        ({"new_password1": "short", "new_password2": "short"}, "新密码确认：密码太短，至少须有 10 个字符", 200),
        ({"new_password1": "qwertyuiop", "new_password2": "qwertyuiop"}, "新密码确认：这是常见密码，容易被猜中", 200),
        ({"new_password1": "a\x00b" * 5, "new_password2": "a\x00b" * 5}, "含有无法保存的控制字符（NUL）", 400),
    ],
)
def test_a_password_that_will_not_do_is_refused_in_chinese(
    post: dict[str, str], message: str, status: int, users: dict[str, Any], client_for: Any, password: str
) -> None:
    response = client_for("clerk").post(reverse("web:password_change"), {"old_password": password, **post})
    assert response.status_code == status
    assert message in response.content.decode()
    assert get_user_model().objects.get(username="clerk").check_password(password)
    assert re.search(r"[A-Za-z]{4,}", message_box(response.content.decode())) is None  # no English


def message_box(html: str) -> str:
    return html.split('<div class="message error">', 1)[1].split("</form>", 1)[0].split("<label>", 1)[0]


def test_a_password_too_like_the_user_is_refused(users: dict[str, Any], client_for: Any, password: str) -> None:
    user = users["clerk"]
    user.first_name = "zhangweiming"
    user.save()
    post = {"old_password": password, "new_password1": "zhangweiming1", "new_password2": "zhangweiming1"}
    response = client_for("clerk").post(reverse("web:password_change"), post)
    assert "密码与名字太相近" in response.content.decode()


def test_signing_in_comes_first(db: Any) -> None:
    response = Client().get(reverse("web:password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))
