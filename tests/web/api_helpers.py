"""Clients of the REST API for the web tests: one per demo role, each with its own token."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from jixiao.web.services import tokens


class ApiClient:
    """Calls ``/api/…`` with a user's token (none: an anonymous caller) and answers (status, JSON)."""

    def __init__(self, secret: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        self.client = Client(headers=headers)

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        response = self.client.get(f"/api{path}", {k: v for k, v in params.items() if v is not None})
        return response.status_code, response.json()

    def post(self, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        response = self.client.post(f"/api{path}", json.dumps(body or {}), content_type="application/json")
        return response.status_code, response.json()

    def upload(self, path: str, name: str, content: bytes, **fields: Any) -> tuple[int, Any]:
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = {"file": SimpleUploadedFile(name, content), **{k: str(v) for k, v in fields.items()}}
        response = self.client.post(f"/api{path}", data)
        return response.status_code, response.json()


def client_of(user: Any) -> ApiClient:
    return ApiClient(tokens.create(user, name="测试", via="web").secret)


def code(answer: tuple[int, Any]) -> tuple[int, str]:
    """(status, error code) of a refusal."""
    status, body = answer
    return status, body["error"]["code"]
