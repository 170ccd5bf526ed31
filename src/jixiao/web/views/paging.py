"""The list pages' 上一页/下一页: keyset pages (:mod:`jixiao.web.keyset`) and the filters kept in their links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import QueryDict

from ..forms import BadInput
from ..keyset import BadCursor, Page, paginate

T = TypeVar("T", bound=Model)
CURSORS = ("after", "before", "page")


def page_of(records: QuerySet[T], order: Sequence[str], chosen: dict[str, Any], *, size: int) -> Page[T]:
    """The page the checked form values ``chosen`` ask for (its ``after`` or ``before``); a bad link is a 400."""
    try:
        return paginate(records, order, size=size, after=chosen.get("after") or "", before=chosen.get("before") or "")
    except BadCursor:
        raise BadInput(["翻页：链接无效，请从第一页重新浏览"]) from None


def count_upto(records: QuerySet[T], limit: int) -> int:
    """How many ``records`` there are, counted no further than ``limit + 1`` (more than ``limit``: a long list
    whose exact length would cost a scan of all of it)."""
    return records.order_by()[: limit + 1].count()


def kept(query: QueryDict) -> str:
    """The query's filters without its page, for the links to the other pages."""
    params = query.copy()
    for name in CURSORS:
        params.pop(name, None)
    return params.urlencode()
