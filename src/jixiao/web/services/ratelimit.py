"""Login rate limiting: after too many failures for a user name or from an address, refuse for a while."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def _keys(username: str, address: str) -> list[str]:
    return [f"login-fail:user:{username.strip().lower()}", f"login-fail:addr:{address}"]


def is_locked(username: str, address: str) -> bool:
    """Locked after too many failures for this user name, or (a higher bar: an office shares one address
    behind its gateway, and one person's typos must not lock out colleagues) from this address."""
    user_key, address_key = _keys(username, address)
    return (cache.get(user_key) or 0) >= settings.JIXIAO_LOGIN_MAX_FAILURES or (
        cache.get(address_key) or 0
    ) >= settings.JIXIAO_LOGIN_MAX_FAILURES_PER_ADDRESS


def record_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        cache.add(key, 0, settings.JIXIAO_LOGIN_LOCK_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.JIXIAO_LOGIN_LOCK_SECONDS)


def clear(username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0])
