"""User management in the web, for the administrator: create, change role and unit, deactivate and reactivate,
reset a password. Each step is audited; every other role is refused; forms answer in Chinese."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from jixiao.web.models import AuditAction, AuditEntry, Department, Role, RoleAssignment, Unit
from jixiao.web.services import users as accounts

NEW = "青山绿水-2025-新口令"


def one_time_password(html: str) -> str:
    found = re.search(r"<code>([^<]+)</code>", html)
    assert found, html
    return found.group(1)


def create(client: Client, **fields: Any) -> Any:
    form = {"username": "zhangsan", "name": "张三", "email": "zs@example.cn", "role": Role.CLERK, **fields}
    return client.post(reverse("web:user_new"), form)


def test_the_admin_creates_a_user_who_must_choose_a_password_at_first_sign_in(
    users: dict[str, Any], client_for: Any, sasac: Unit
) -> None:
    cache.clear()
    response = create(client_for("admin"), unit=str(sasac.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "已新建用户：zhangsan" in html
    assert response["Cache-Control"] == "no-store"
    password = one_time_password(html)
    created = get_user_model().objects.get(username="zhangsan")
    assert (created.first_name, created.email, created.is_active) == ("张三", "zs@example.cn", True)
    granted = RoleAssignment.objects.get(user=created)
    assert (granted.role, granted.unit_id, granted.department_id, granted.must_change_password) == (
        Role.CLERK,
        sasac.pk,
        None,
        True,
    )
    entry = AuditEntry.objects.get(action=AuditAction.USER_CREATE)
    assert (entry.table_id, entry.subject_id, entry.actor_id) == (None, created.pk, users["admin"].pk)
    assert {c["field"]: c["after"] for c in entry.diff}["account.role"] == "单位填报人"
    # the new user signs in with the one-time password and is sent to choose their own, whatever they ask for
    client = Client()
    assert client.post(reverse("web:login"), {"username": "zhangsan", "password": password}).status_code == 302
    page = client.get(reverse("web:table_list"))
    assert (page.status_code, page["Location"]) == (302, reverse("web:password_change"))
    assert "一次性密码" in client.get(reverse("web:password_change")).content.decode()
    post = {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    assert client.post(reverse("web:password_change"), post).status_code == 302
    assert client.get(reverse("web:table_list")).status_code == 200
    assert not RoleAssignment.objects.get(user=created).must_change_password
    cache.clear()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": "clerk"}, "用户名“clerk”已被使用"),
        ({"username": "CLERK"}, "用户名“CLERK”已被使用"),
        ({"username": ""}, "用户名：请填写"),
        ({"username": "张 三"}, "用户名：只能含字母、数字和 @ . + - _"),
        ({"email": "not-an-address"}, "电子邮箱：不是有效的电子邮箱地址"),
        ({"role": ""}, "角色：请选择"),
        ({"role": "superuser"}, "角色：没有“superuser”这一项"),
        ({"role": Role.UNIT_LEAD, "unit": ""}, "单位负责人须指定所属预算单位"),
        ({"role": Role.DEPARTMENT_REVIEWER}, "主管部门审核人须指定所属主管部门"),
        ({"unit": "999999"}, "预算单位：没有这个选项"),
        ({"name": "张\x00三"}, "姓名：含有无法保存的控制字符"),
    ],
)
def test_a_new_user_form_with_a_mistake_says_what_in_chinese(
    users: dict[str, Any], client_for: Any, sasac: Unit, fields: dict[str, str], message: str
) -> None:
    response = create(client_for("admin"), **{"unit": str(sasac.pk), **fields})
    assert response.status_code == 200
    html = response.content.decode()
    assert "未能新建用户" in html
    assert message in html
    assert get_user_model().objects.count() == len(users)
    assert not AuditEntry.objects.filter(action=AuditAction.USER_CREATE).exists()


def test_the_admin_changes_a_users_role_and_unit(
    users: dict[str, Any], client_for: Any, sasac: Unit, other_unit: Unit
) -> None:
    clerk = users["clerk"]
    url = reverse("web:user_detail", args=[clerk.pk])
    admin = client_for("admin")
    page = admin.get(url).content.decode()
    assert 'value="unit_clerk" selected' in page
    form = {"name": "李四", "email": "", "role": Role.UNIT_LEAD, "unit": str(other_unit.pk), "department": ""}
    response = admin.post(url, form, follow=True)
    assert "已保存" in response.content.decode()
    granted = RoleAssignment.objects.get(user=clerk)
    assert (granted.role, granted.unit_id) == (Role.UNIT_LEAD, other_unit.pk)
    entry = AuditEntry.objects.get(action=AuditAction.USER_CHANGE)
    changes = {c["field"]: (c["before"], c["after"]) for c in entry.diff}
    assert changes["account.role"] == ("单位填报人", "单位负责人")
    assert changes["account.scope"] == (sasac.name, other_unit.name)
    page = admin.get(url).content.decode()
    assert "修改用户" in page and "单位负责人" in page and "account.role" not in page
    # the lead now sees the other unit's tables, not the 国资委's
    assert client_for("clerk").get(reverse("web:table_list")).status_code == 200
    # a department reviewer keeps the department and drops a unit posted alongside it
    department = Department.objects.get(units=sasac)
    form = {"name": "李四", "role": Role.DEPARTMENT_REVIEWER, "unit": str(sasac.pk), "department": str(department.pk)}
    admin.post(url, form)
    granted.refresh_from_db()
    assert (granted.role, granted.unit_id, granted.department_id) == (Role.DEPARTMENT_REVIEWER, None, department.pk)
    # posting the same again changes nothing and writes nothing
    count = AuditEntry.objects.count()
    assert "没有改动" in admin.post(url, form, follow=True).content.decode()
    assert AuditEntry.objects.count() == count


def test_the_admin_cannot_take_away_their_own_admin_role(users: dict[str, Any], client_for: Any) -> None:
    url = reverse("web:user_detail", args=[users["admin"].pk])
    response = client_for("admin").post(url, {"role": Role.FINANCE_REVIEWER})
    assert "不能取消自己的管理员角色" in response.content.decode()
    assert RoleAssignment.objects.get(user=users["admin"]).role == Role.ADMIN


def test_a_deactivated_user_cannot_sign_in_and_their_session_ends(
    users: dict[str, Any], client_for: Any, password: str
) -> None:
    cache.clear()
    clerk_session = client_for("clerk")
    assert clerk_session.get(reverse("web:table_list")).status_code == 200
    admin = client_for("admin")
    url = reverse("web:user_active", args=[users["clerk"].pk])
    response = admin.post(url, {"comment": "调离本单位"}, follow=True)
    assert "已停用该用户" in response.content.decode()
    assert not get_user_model().objects.get(username="clerk").is_active
    assert clerk_session.get(reverse("web:table_list"))["Location"].startswith(reverse("web:login"))
    assert Client().post(reverse("web:login"), {"username": "clerk", "password": password}).status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.USER_DEACTIVATE)
    assert (entry.subject_id, entry.comment) == (users["clerk"].pk, "调离本单位")
    assert "已停用" in admin.get(reverse("web:users")).content.decode()
    assert "该用户已停用" in admin.post(url, {}, follow=True).content.decode()  # twice: said, not audited twice
    assert AuditEntry.objects.filter(action=AuditAction.USER_DEACTIVATE).count() == 1
    admin.post(url, {"active": "1"})
    assert get_user_model().objects.get(username="clerk").is_active
    assert AuditEntry.objects.filter(action=AuditAction.USER_REACTIVATE, subject=users["clerk"]).count() == 1
    assert Client().post(reverse("web:login"), {"username": "clerk", "password": password}).status_code == 302
    cache.clear()


def test_the_admin_cannot_deactivate_themselves(users: dict[str, Any], client_for: Any) -> None:
    response = client_for("admin").post(reverse("web:user_active", args=[users["admin"].pk]), follow=True)
    assert "不能停用自己的账号" in response.content.decode()
    assert get_user_model().objects.get(username="admin").is_active


def test_a_reset_password_is_shown_once_and_replaces_the_old_one(
    users: dict[str, Any], client_for: Any, password: str
) -> None:
    cache.clear()
    lead_session = client_for("unitlead")
    response = client_for("admin").post(reverse("web:user_password", args=[users["unitlead"].pk]))
    assert response.status_code == 200
    fresh = one_time_password(response.content.decode())
    assert fresh != password
    assert lead_session.get(reverse("web:todo"))["Location"].startswith(reverse("web:login"))  # signed out
    assert Client().post(reverse("web:login"), {"username": "unitlead", "password": password}).status_code == 200
    client = Client()
    assert client.post(reverse("web:login"), {"username": "unitlead", "password": fresh}).status_code == 302
    assert client.get(reverse("web:todo"))["Location"] == reverse("web:password_change")
    entry = AuditEntry.objects.get(action=AuditAction.PASSWORD_RESET)
    assert (entry.subject_id, entry.actor_id, fresh in str(entry.diff) + entry.comment) == (
        users["unitlead"].pk,
        users["admin"].pk,
        False,
    )
    cache.clear()


@pytest.mark.parametrize("name", ["clerk", "unitlead", "deptreviewer", "finance"])
def test_only_the_admin_manages_users(name: str, users: dict[str, Any], client_for: Any, sasac: Unit) -> None:
    client = client_for(name)
    target = users["clerk" if name != "clerk" else "unitlead"]
    assert client.get(reverse("web:users")).status_code == 403
    assert client.get(reverse("web:user_new")).status_code == 403
    assert create(client, unit=str(sasac.pk)).status_code == 403
    assert client.post(reverse("web:user_detail", args=[target.pk]), {"role": Role.ADMIN}).status_code == 403
    assert client.post(reverse("web:user_active", args=[target.pk])).status_code == 403
    assert client.post(reverse("web:user_password", args=[target.pk])).status_code == 403
    assert get_user_model().objects.filter(is_active=True).count() == len(users)
    assert RoleAssignment.objects.get(user=target).role != Role.ADMIN
    assert not AuditEntry.objects.exists()
    with pytest.raises(PermissionDenied):
        accounts.reset_password(actor=users[name], user=target)


def test_account_steps_keep_the_audit_chain_whole(users: dict[str, Any], sasac: Unit) -> None:
    from django.core.management import call_command

    placement = accounts.Placement(Role.CLERK, unit=sasac)
    user, _ = accounts.create(actor=users["admin"], username="wangwu", name="王五", email="", placement=placement)
    accounts.reset_password(actor=users["admin"], user=user)
    call_command("verify_audit")  # exits 1 on any problem
    entry = AuditEntry.objects.get(action=AuditAction.PASSWORD_RESET)
    assert entry.chain_fields()["subject_id"] == user.pk


def test_a_user_with_a_one_time_password_may_still_sign_out(users: dict[str, Any], client_for: Any) -> None:
    RoleAssignment.objects.filter(user=users["clerk"]).update(must_change_password=True)
    client = client_for("clerk")
    assert client.get(reverse("web:inbox"))["Location"] == reverse("web:password_change")
    assert client.get(reverse("web:password_change")).status_code == 200
    response = client.post(reverse("web:logout"))
    assert (response.status_code, response["Location"]) == (302, reverse("web:public"))
    assert client.get(reverse("web:todo"))["Location"].startswith(reverse("web:login"))
