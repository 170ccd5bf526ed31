"""In a real browser: the API 令牌 page makes a token that the API then takes, and /api/docs renders every
operation from the app's own files under the Content-Security-Policy (the fixture fails on any violation)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from api_helpers import ApiClient
from test_web_browser import SHOTS, Story, browser_page, pytestmark  # noqa: F401  (the fixture and the marks)
from test_web_api import OPERATIONS


def test_a_token_from_the_page_and_the_docs_page(
    live_server: Any, transactional_db: Any, users: dict[str, Any], password: str, browser_page: Any
) -> None:
    page = browser_page
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    story = Story(page, live_server.url, password, "api")
    story.login("clerk")
    page.click("a:has-text('API 令牌')")
    page.fill("input[name=name]", "预算一体化系统对接")
    page.click("button:has-text('创建令牌')")
    secret = page.locator("code.token-secret").inner_text()
    story.snap("token-created")
    page.set_viewport_size({"width": 390, "height": 844})
    story.snap("token-created-390")
    page.set_viewport_size({"width": 1440, "height": 900})
    assert ApiClient(secret).get("/tables")[0] == 200

    story.go("/api/docs")
    page.wait_for_selector(".opblock")
    shown = page.locator(".opblock .opblock-summary-operation-id").all_inner_texts()
    assert sorted(shown) == sorted(OPERATIONS)
    assert page.locator(".btn.authorize").count() == 1
    story.snap("docs")
    page.set_viewport_size({"width": 390, "height": 844})
    story.snap("docs-390")
    assert hosts == {urlparse(live_server.url).netloc}, hosts  # nothing from any other host
    assert (SHOTS / "api-03-docs.png").exists()
