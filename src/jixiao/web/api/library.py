"""The 指标库 (:mod:`jixiao.library`): entries suggested for a name being written, and one entry in full, as
``jixiao library suggest`` and ``library show`` give them. The library file is the web's
own (``settings.JIXIAO_LIBRARY_PATH``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import codes_4xx

from jixiao.errors import JixiaoError
from jixiao.library import Library, entry_dict
from jixiao.library.catalog import kind_of

from .. import permissions as perms
from ..services import library as web_library
from .auth import caller
from .errors import ApiError, ErrorOut
from .pages import Page, PageQuery, page_of

router = Router(tags=["指标库"])


class TypicalOut(Schema):
    unit: str | None
    count: int
    q1: float | None
    median: float | None
    q3: float | None
    min: float | None
    max: float | None


class EntryOut(Schema):
    key: str = Field(description="条目：二级|项目类别|指标名称")
    level2: str | None
    kind: str
    group: str
    recommended: bool
    count: int
    tables: int
    names: list[dict[str, Any]]
    units: list[dict[str, Any]]
    operators: list[dict[str, Any]]
    basis: list[dict[str, Any]]
    typical: list[TypicalOut] = Field(description="常见指标值（四分位），按计量单位")
    evaluated: int
    met: int
    met_rate: float | None
    kinds: list[dict[str, Any]]
    merged: list[str]


class SuggestionOut(EntryOut):
    score: float = Field(description="名称的匹配程度，0–1")


def library() -> Library:
    """The web's library file (:func:`jixiao.web.services.library.current`), read again when it changes."""
    opened = web_library.current()
    if opened is None:
        raise ApiError(404, "library_missing", "还没有指标库（由 jixiao library build 或 rebuild_library 生成）")
    return opened


class SuggestQuery(PageQuery):
    q: str = Field(min_length=1, max_length=100, description="正在填写的三级指标名称或其中的词，如 培训、满意度")
    level2: str | None = Field(None, max_length=40, description="二级指标，如 数量指标、满意度")
    kind: str | None = Field(None, max_length=40, description="项目类别，如 培训、工程建设；不填则各类合并")


@router.get(
    "/library/suggest",
    operation_id="library_suggest",
    summary="指标库建议",
    url_name="library_suggest",
    response={200: Page[SuggestionOut], codes_4xx: ErrorOut},
)
def library_suggest(request: HttpRequest, query: Query[SuggestQuery]) -> dict[str, Any]:
    """Entries whose names match ``q``, best first, each with the names used and their typical targets."""
    perms.require(caller(request), perms.VIEW)
    opened = library()
    try:
        found = opened.suggest(query.q, level2=query.level2, kind=kind_of(query.kind), limit=10**6)
    except JixiaoError as error:
        raise ApiError(422, "invalid", error.message) from None
    return page_of(found, query, lambda s: {"score": s.score, **entry_dict(s.entry)})


class EntryQuery(Schema):
    key: str = Field(min_length=1, max_length=300, description="条目，如 数量指标|培训|培训人次（或 二级|全部|名称）")


@router.get(
    "/library/indicator",
    operation_id="library_indicator",
    summary="指标库条目",
    url_name="library_indicator",
    response={200: EntryOut, codes_4xx: ErrorOut},
)
def library_indicator(request: HttpRequest, query: Query[EntryQuery]) -> dict[str, Any]:
    """One entry in full (an entry merged into another gives that one)."""
    perms.require(caller(request), perms.VIEW)
    try:
        return entry_dict(library().entry(query.key))
    except JixiaoError as error:
        raise ApiError(404, "not_found", error.message) from None
