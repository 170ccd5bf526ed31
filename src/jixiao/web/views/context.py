"""Template context for every page: the user's role and permissions, for the navigation; unread notices."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .. import permissions as perms
from ..services import notices


def navigation(request: HttpRequest) -> dict[str, Any]:
    granted = perms.assignment(request.user)
    return {
        "role": granted,
        "can": {name.replace(".", "_"): True for name in perms.permissions(request.user)},
        "unread": notices.unread_count(request.user) if request.user.is_authenticated else 0,
    }
