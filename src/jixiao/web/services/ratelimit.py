"""Login rate limiting: after too many failed attempts for a user name or from an address, refuse for a while.

An attempt takes its place in the count *before* the password is checked, under a lock, so concurrent attempts
cannot all slip past the check; a successful login gives its places back. The user name is counted as Django
logs in with it (NFKC, :func:`jixiao.web.accounts.login_key`), so ``ｃｌｅｒｋ`` counts against ``clerk``. The
address is the client's: ``X-Forwarded-For`` is believed only from a proxy listed in ``JIXIAO_TRUSTED_PROXIES``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest

from ..accounts import login_key

#: The PostgreSQL advisory lock that queues the count's check-and-increment (SQLite's transactions already hold
#: the write lock from their start).
COUNT_LOCK = 0x6C6F67696E  # "login"


def _keys(username: str, address: str) -> tuple[str, str]:
    return f"login-fail:user:{login_key(username)}", f"login-fail:addr:{address}"


@contextmanager
def _counting() -> Iterator[None]:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [COUNT_LOCK])
        yield


def take_attempt(username: str, address: str) -> bool:
    """Count one attempt for this user name and address; False (and nothing counted) when either has reached
    its limit. The per-address bar is higher: an office shares one address behind its gateway, and one person's
    typos must not lock out colleagues."""
    user_key, address_key = _keys(username, address)
    with _counting():
        by_user, by_address = cache.get(user_key) or 0, cache.get(address_key) or 0
        if (
            by_user >= settings.JIXIAO_LOGIN_MAX_FAILURES
            or by_address >= settings.JIXIAO_LOGIN_MAX_FAILURES_PER_ADDRESS
        ):
            return False
        cache.set(user_key, by_user + 1, settings.JIXIAO_LOGIN_LOCK_SECONDS)
        cache.set(address_key, by_address + 1, settings.JIXIAO_LOGIN_LOCK_SECONDS)
    return True


def give_back(username: str, address: str) -> None:
    """A successful login: the user name's failures are forgotten, the address gets its place back."""
    user_key, address_key = _keys(username, address)
    with _counting():
        cache.delete(user_key)
        by_address = cache.get(address_key) or 0
        if by_address > 1:
            cache.set(address_key, by_address - 1, settings.JIXIAO_LOGIN_LOCK_SECONDS)
        else:
            cache.delete(address_key)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(address in ipaddress.ip_network(proxy, strict=False) for proxy in settings.JIXIAO_TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    """The address the request came from: ``REMOTE_ADDR``, unless that is a trusted proxy — then the nearest
    address in ``X-Forwarded-For`` that is not one (what the client itself wrote there further left is not
    believed)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return "unknown"
    if not _trusted(remote):
        return str(remote)
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        forwarded = _address(hop)
        if forwarded is None:  # a proxy would not write this: stop at the last address it vouched for
            break
        client = forwarded
        if not _trusted(forwarded):
            break
    return str(client)
