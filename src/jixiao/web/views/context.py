"""Template context for every page: the user's role and permissions, for the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .. import permissions as perms


def navigation(request: HttpRequest) -> dict[str, Any]:
    granted = perms.assignment(request.user)
    return {
        "role": granted,
        "can": {name.replace(".", "_"): True for name in perms.permissions(request.user)},
    }
