"""The login limit counts the name Django logs in with, cannot be raced past, and per address sees the client
behind a trusted proxy only."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from jixiao.web.accounts import login_key
from jixiao.web.services import ratelimit

LOCKED = "登录失败次数过多"
WRONG = "用户名或密码不正确"


@pytest.fixture(autouse=True)
def empty_counts(db: Any) -> Any:
    cache.clear()
    yield
    cache.clear()


def attempt(client: Client, username: str, password: str = "wrong", **headers: str) -> str:
    response = client.post(reverse("web:login"), {"username": username, "password": password}, **headers)
    return "logged in" if response.status_code == 302 else (LOCKED if LOCKED in response.content.decode() else WRONG)


@pytest.mark.parametrize("variant", ["ｃｌｅｒｋ", "ᶜlerk", "CLERK", " clerk "])
def test_a_variant_of_the_name_counts_against_the_name(
    users: dict[str, Any], client_for: Any, password: str, variant: str
) -> None:
    assert login_key(variant) == "clerk"
    client = client_for(None)
    for name in ("clerk", variant, "clerk", variant, "clerk"):
        assert attempt(client, name) == WRONG
    assert attempt(client, variant, password) == LOCKED
    assert attempt(client, "clerk", password) == LOCKED


def test_the_fullwidth_name_logs_in_as_the_user_it_is_counted_as(
    users: dict[str, Any], client_for: Any, password: str
) -> None:
    """Why the count must normalise: Django itself logs ``ｃｌｅｒｋ`` in as ``clerk``."""
    client = client_for(None)
    assert attempt(client, "ｃｌｅｒｋ", password) == "logged in"
    assert client.get(reverse("web:todo")).context["user"].username == "clerk"


def test_a_login_gives_back_the_places_it_took(users: dict[str, Any], client_for: Any, password: str) -> None:
    client = client_for(None)
    for _ in range(4):
        assert attempt(client, "clerk") == WRONG
    assert attempt(client, "clerk", password) == "logged in"
    client.post(reverse("web:logout"))
    for _ in range(4):
        assert attempt(client, "clerk") == WRONG  # the count started again


def test_concurrent_attempts_cannot_all_pass_the_check(
    transactional_db: Any, users: dict[str, Any], settings: Any
) -> None:
    """Twenty wrong passwords at once, each on its own connection: exactly the limit get to try."""
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections: PostgreSQL (SQLite's in-memory test database is one)")
    start = threading.Barrier(20)
    answers: list[str] = []

    def guess() -> None:
        try:
            start.wait(10)
            answers.append(attempt(Client(), "clerk"))
        finally:
            connection.close()

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(answers) == sorted([WRONG] * settings.JIXIAO_LOGIN_MAX_FAILURES + [LOCKED] * 15)


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(settings: Any) -> None:
    settings.JIXIAO_TRUSTED_PROXIES = ["10.0.0.0/24", "::1/128"]
    factory = RequestFactory()

    def seen(remote: str, forwarded: str | None = None) -> str:
        headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
        return ratelimit.client_address(factory.get("/", REMOTE_ADDR=remote, **headers))

    assert seen("203.0.113.7", "198.51.100.1") == "203.0.113.7"  # not a proxy: its header is the client's own
    assert seen("10.0.0.5", "198.51.100.1") == "198.51.100.1"
    assert seen("10.0.0.5", "1.2.3.4, 198.51.100.1") == "198.51.100.1"  # what the client wrote further left
    assert seen("10.0.0.5", "198.51.100.1, 10.0.0.9") == "198.51.100.1"  # two proxies of ours in a row
    assert seen("10.0.0.5", "Ǳ, 198.51.100.1") == "198.51.100.1"
    assert seen("10.0.0.5", "junk") == "10.0.0.5"
    assert seen("10.0.0.5") == "10.0.0.5"
    assert seen("::1", "2001:db8::5") == "2001:db8::5"


def test_behind_the_proxy_one_address_locked_leaves_others_free(
    users: dict[str, Any], client_for: Any, settings: Any, password: str
) -> None:
    settings.JIXIAO_TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's REMOTE_ADDR
    settings.JIXIAO_LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    client = client_for(None)
    for name in ("finance", "admin", "unitlead"):
        assert attempt(client, name, HTTP_X_FORWARDED_FOR="198.51.100.1") == WRONG
    assert attempt(client, "clerk", password, HTTP_X_FORWARDED_FOR="198.51.100.1") == LOCKED
    assert attempt(client, "clerk", password, HTTP_X_FORWARDED_FOR="198.51.100.2") == "logged in"


def test_without_a_trusted_proxy_the_header_changes_nothing(
    users: dict[str, Any], client_for: Any, settings: Any, password: str
) -> None:
    settings.JIXIAO_LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    client = client_for(None)
    for index, name in enumerate(("finance", "admin", "unitlead")):
        assert attempt(client, name, HTTP_X_FORWARDED_FOR=f"198.51.100.{index}") == WRONG
    assert attempt(client, "clerk", password, HTTP_X_FORWARDED_FOR="198.51.100.9") == LOCKED
