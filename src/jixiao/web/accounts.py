"""The user model as a type, for the services' ``actor`` and the views' requests.

``User`` is ``settings.AUTH_USER_MODEL``: django-stubs' mypy plugin resolves its ``_User`` alias to that model, so
the code names no concrete user class and a custom user model would type-check the same way. ``AnyUser`` adds the
anonymous visitor of the public pages.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, TypeAlias

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser, _User

    User: TypeAlias = _User
    AnyUser: TypeAlias = _AnyUser


class AuthenticatedRequest(HttpRequest):
    """A request that ``login_required`` let through: its user is signed in."""

    user: User


def login_key(username: str) -> str:
    """The user name as the login limit counts it: NFKC (as Django's login form reads it: ``ｃｌｅｒｋ`` and
    ``ᶜlerk`` are ``clerk``), without surrounding spaces, in any case."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).strip().casefold())
