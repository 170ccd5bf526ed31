"""Every refusal of the API in one JSON shape: ``{"error": {"code": …, "message": …, "details": …}}``.

``code`` is stable (clients branch on it); ``message`` is the Chinese sentence the pages show; ``details`` says more
where there is more (the fields that did not validate, the version the table is at now).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern, re_path
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ..middleware import busy_reason
from ..services import attachments, imports, rounds, tokens, workflow

log = logging.getLogger(__name__)

#: Workflow refusals answered 403 (the step is someone else's); every other one is a 409 (not now, not in this state).
FORBIDDEN_CODES = {"not_your_stage"}


class ErrorBody(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    """A refusal raised by an operation: its status, stable code, message and details."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


def not_found(message: str = "没有这个对象") -> ApiError:
    return ApiError(404, "not_found", message)


def answer(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, details: Any = None
) -> HttpResponse:
    return api.create_response(
        request, {"error": {"code": code, "message": message, "details": details}}, status=status
    )


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors as (where, what): the location without ninja's wrapper names, and the message."""
    found = []
    for error in errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path", "form")]
        found.append({"field": ".".join(where), "message": str(error.get("msg", "")), "type": error.get("type")})
    return found


def install(api: NinjaAPI) -> None:
    """Answer every exception an operation may raise in the one shape."""

    def on_api_error(request: HttpRequest, error: Any) -> HttpResponse:
        return answer(api, request, error.status, error.code, error.message, error.details)

    def on_workflow(request: HttpRequest, error: Any) -> HttpResponse:
        details = None
        if isinstance(error, workflow.EditConflict):
            details = {"version": error.current.number, "revision": error.current.revision}
        status = 403 if error.code in FORBIDDEN_CODES else 409
        return answer(api, request, status, error.code, str(error), details)

    def on_refused(request: HttpRequest, error: Any) -> HttpResponse:
        code = {
            attachments.AttachmentRefused: "attachment_refused",
            imports.UploadRefused: "upload_refused",
            imports.OtherKind: "upload_refused",
            rounds.RoundError: "round_refused",
            tokens.TokenRefused: "token_refused",
        }.get(type(error), "refused")
        return answer(api, request, 422, code, str(error))

    def on_validation(request: HttpRequest, error: Any) -> HttpResponse:
        details = _validation_details(list(error.errors))
        listed = "；".join(f"{d['field'] or '请求'}：{d['message']}" for d in details[:5])
        return answer(api, request, 422, "invalid", f"请求中的值不符合要求：{listed}", details)

    def on_authentication(request: HttpRequest, error: Any) -> HttpResponse:
        response = answer(api, request, 401, "unauthenticated", "需要有效的 API 令牌（Authorization: Bearer jx_…）")
        response["WWW-Authenticate"] = "Bearer"
        return response

    def on_permission(request: HttpRequest, error: Any) -> HttpResponse:
        return answer(api, request, 403, "forbidden", "您的角色没有这项权限", {"permission": str(error) or None})

    def on_404(request: HttpRequest, error: Any) -> HttpResponse:
        return answer(api, request, 404, "not_found", str(error) or "没有这个对象")

    def on_http(request: HttpRequest, error: Any) -> HttpResponse:
        codes = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "method"}
        return answer(api, request, error.status_code, codes.get(error.status_code, "error"), str(error))

    def on_bad_body(request: HttpRequest, error: Any) -> HttpResponse:
        return answer(api, request, 400, "bad_request", f"请求体无法解析：{error}")

    def on_other(request: HttpRequest, error: Any) -> HttpResponse:
        reason = busy_reason(error)
        if reason is not None:
            response = answer(api, request, 503, "busy", f"{reason}，请稍后再试")
            response["Retry-After"] = "10"
            return response
        log.exception("API error on %s", request.path)
        return answer(api, request, 500, "server_error", "服务器内部错误，已记录")

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(workflow.WorkflowError, on_workflow)
    for refused in (attachments.AttachmentRefused, imports.UploadRefused, rounds.RoundError, tokens.TokenRefused):
        api.add_exception_handler(refused, on_refused)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(PermissionDenied, on_permission)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(HttpError, on_http)
    api.add_exception_handler(MultiPartParserError, on_bad_body)
    api.add_exception_handler(Exception, on_other)


def urls(api: NinjaAPI) -> tuple[list[Any], str, str]:
    """The API's URLconf, refusing in the one shape what ninja and Django answer in their own: a method an
    operation does not take (405, with ``Allow``; the schema and its documentation page take GET only) and a path
    that is no operation (404)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            if pattern.name in READ_ONLY_VIEWS:
                pattern.callback = _read_only(api, pattern.callback)
            pattern.callback = _refusals_in_shape(api, pattern.callback)

    def unknown_path(request: HttpRequest) -> HttpResponse:
        return answer(api, request, 404, "not_found", f"没有这个接口：{request.path}")

    return [*patterns, re_path(r"", unknown_path)], app_name, namespace


#: ninja's schema and documentation pages, which answer any method: only GET (and HEAD) reads them
READ_ONLY_VIEWS = ("openapi-json", "openapi-view")
READ_METHODS = ("GET", "HEAD")


def _method_refused(api: NinjaAPI, request: HttpRequest, allowed: list[str]) -> HttpResponse:
    message = f"此接口不接受 {request.method} 请求（可用：{'、'.join(allowed)}）"
    refused = answer(api, request, 405, "method", message, {"allowed": allowed})
    refused["Allow"] = ", ".join(allowed)
    return refused


def _read_only(api: NinjaAPI, view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def read(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method not in READ_METHODS:
            return _method_refused(api, request, list(READ_METHODS))
        return view(request, *args, **kwargs)

    return read


def _refusals_in_shape(api: NinjaAPI, view: Callable[..., Any]) -> Callable[..., Any]:
    """``view`` with its plain 405 (ninja's, for a method no operation of the path takes) and 404 answered in the
    one shape."""

    @functools.wraps(view)  # keeps csrf_exempt: the API authenticates by token
    def answered(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            response = view(request, *args, **kwargs)
        except Http404:  # ninja's root, outside every operation (whose own 404s are answered by ``install``)
            return answer(api, request, 404, "not_found", f"没有这个接口：{request.path}")
        if response.status_code not in (404, 405) or response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 404:
            return answer(api, request, 404, "not_found", f"没有这个接口：{request.path}")
        return _method_refused(
            api, request, sorted(m.strip() for m in response.get("Allow", "").split(",") if m.strip())
        )

    return answered
