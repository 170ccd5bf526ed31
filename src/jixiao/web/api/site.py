"""The API object: its routers, authentication, error handlers and docs page."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from . import attachments, errors, imports, library, public, reports, rounds, tables, tokens
from .auth import TokenAuth

api = NinjaAPI(
    title="jixiao API",
    version="1",
    description=(
        "项目支出绩效目标表的填报、审核与公开。权限与网页相同：只能看到本人范围内的目标表（范围外为 not_found），"
        "角色没有的权限为 forbidden，不由本人办理的审核阶段为 not_your_stage；每一步都写入审计记录。"
        '错误统一为 {"error": {"code", "message", "details"}}；'
        '列表统一为 {"items", "count", "page", "limit", "pages"}。'
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs=Swagger(settings={"displayOperationId": True, "persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", tokens.router)
api.add_router("", tables.router)
api.add_router("", imports.router)
api.add_router("", attachments.router)
api.add_router("", rounds.router)
api.add_router("", reports.router)
api.add_router("", public.router)
api.add_router("", library.router)
