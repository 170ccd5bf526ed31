"""One pagination envelope for every list: ``{"items": […], "count", "page", "limit", "pages"}``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

from .errors import ApiError

T = TypeVar("T")
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=10**6, description="页码，从 1 开始")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"每页条数，最多 {MAX_LIMIT}")


class Page(Schema, Generic[T]):
    items: list[T]
    count: int = Field(description="符合条件的总条数")
    page: int
    limit: int
    pages: int = Field(description="总页数")


def page_of(rows: QuerySet[Any] | Sequence[Any], query: PageQuery, render: Callable[[Any], Any]) -> dict[str, Any]:
    """The envelope of page ``query.page``; a page past the last is a 404 (``not_found``) unless there are no rows."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    pages = max(1, math.ceil(count / query.limit))
    if query.page > pages:
        raise ApiError(404, "not_found", f"没有第 {query.page} 页（共 {pages} 页）")
    start = (query.page - 1) * query.limit
    chosen = rows[start : start + query.limit]
    return {
        "items": [render(row) for row in chosen],
        "count": count,
        "page": query.page,
        "limit": query.limit,
        "pages": pages,
    }
