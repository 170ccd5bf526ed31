"""Content-Security-Policy: every page is sent with it, and no page has an inline script, event handler,
``javascript:`` link or style — so the policy can forbid them all, and an injected one would not run."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import get_resolver, reverse
from test_web_imports import SEED, upload

from jixiao.web.models import RoundKind
from jixiao.web.services import attachments, library, monitoring, rounds, workflow

#: Routes that answer with a file or a redirect, not a page.
NOT_PAGES = {"public_export", "table_export", "original_file", "scan_cell", "logout", "table_publish", "table_adjust"}
#: downloads and steps answered by a redirect, not pages
NOT_PAGES |= {"table_delete", "attach", "attachment", "attachment_remove", "public_attachment", "round_export"}
NOT_PAGES |= {"notice", "inbox_read_all", "dashboard_export", "report_export"}
#: JSON, and steps answered by a redirect
NOT_PAGES |= {"library_suggest", "library_curate", "library_rebuild", "table_link", "api_token_revoke"}
NOT_PAGES |= {"report_start", "report_decide", "report_publish", "user_active", "round_close", "round_reopen"}
NOT_PAGES |= {"health"}  # plain text for a monitor, not a page
#: Pages that answer a POST only (a fragment, a one-time password): checked in their own tests below.
POSTED = {"report_live", "user_password"}


class InlineFinder(HTMLParser):
    """Collects what a strict policy would block: inline scripts, handlers, script URLs, styles."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and "src" not in named and named.get("type") != "application/json":
            self._in_inline_script = True
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on"):
                self.found.append(f"{tag} {name}=")
            if name == "style":
                self.found.append(f"{tag} style=")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def inline_parts(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


@pytest.fixture
def pages(draft: Any, users: dict[str, Any], submit: Any, clean_data: dict[str, Any], client_for: Any) -> Any:
    """Every page of the app, as the person who sees it, in the states a table passes through."""
    submitted = workflow.create_table(draft.unit, actor=users["clerk"], data=copy.deepcopy(clean_data))
    submit(submitted, users["unitlead"])
    published = workflow.create_table(draft.unit, actor=users["clerk"], data=copy.deepcopy(clean_data))
    submit(published, users["unitlead"])
    workflow.approve(published, actor=users["deptreviewer"], version=1)
    workflow.approve(published, actor=users["finance"], version=1)
    workflow.publish(published, actor=users["finance"], version=1)
    attachments.attach(draft, actor=users["clerk"], name="依据.pdf", content=b"%PDF-1.4\n", indicator=0)
    opened = rounds.open_round(
        draft.unit.department.office,
        actor=users["finance"],
        kind="target",
        year=2024,
        deadline=rounds.today(),
        units=[draft.unit],
    )
    preview = upload(client_for("clerk"), "seed.txt", SEED.read_bytes())["Location"]
    library.rebuild()
    watching = rounds.open_round(
        draft.unit.department.office,
        actor=users["finance"],
        kind=RoundKind.MONITORING,
        year=2024,
        period="1-6月",
        deadline=rounds.today(),
        units=[draft.unit],
    )
    published.refresh_from_db()
    report = monitoring.get(published, watching, actor=users["clerk"])
    # a second version, for the comparison page
    data = copy.deepcopy(draft.latest.data)
    submit(draft, users["unitlead"])
    workflow.return_for_changes(draft, actor=users["deptreviewer"], version=1, comment="请修改")
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    return {
        "public": [(None, reverse("web:public")), (None, reverse("web:public") + "?q=%00")],
        "public_detail": [(None, reverse("web:public_detail", args=[published.pk]))],
        "login": [(None, reverse("web:login"))],
        "password_change": [(name, reverse("web:password_change")) for name in users],
        "todo": [(name, reverse("web:todo")) for name in users],
        "table_list": [("clerk", reverse("web:table_list")), ("finance", reverse("web:table_list") + "?year=x")],
        "table_new": [("clerk", reverse("web:table_new"))],
        "live_review": [],  # a fragment answering a POST: checked below
        "table_detail": [
            (name, reverse("web:table_detail", args=[record.pk]))
            for name in ("clerk", "finance", "admin")
            for record in (draft, submitted, published)
        ],
        "table_edit": [("clerk", reverse("web:table_edit", args=[draft.pk]))],
        "table_submit": [("unitlead", reverse("web:table_submit", args=[draft.pk]))],
        "table_review": [("deptreviewer", reverse("web:table_review", args=[submitted.pk]))],
        "import": [("clerk", reverse("web:import"))],
        "import_preview": [("clerk", preview)],
        "users": [("admin", reverse("web:users"))],
        "library": [(name, reverse("web:library")) for name in ("finance", "admin")],
        "table_years": [(name, reverse("web:table_years", args=[published.pk])) for name in ("clerk", "finance")],
        "user_new": [("admin", reverse("web:user_new"))],
        "user_detail": [("admin", reverse("web:user_detail", args=[users["clerk"].pk]))],
        "stages": [(name, reverse("web:stages")) for name in ("finance", "admin")],
        "office_profile": [(name, reverse("web:office_profile")) for name in ("finance", "admin")],
        "table_compare": [("clerk", reverse("web:table_compare", args=[draft.pk]))],
        "round_reports": [("finance", reverse("web:round_reports", args=[watching.pk]))],
        "report_detail": [(name, reverse("web:report_detail", args=[report.pk])) for name in ("clerk", "finance")],
        "report_edit": [("clerk", reverse("web:report_edit", args=[report.pk]))],
        "rounds": [(name, reverse("web:rounds")) for name in ("clerk", "finance")],
        "round_new": [("finance", reverse("web:round_new"))],
        "round_detail": [(name, reverse("web:round_detail", args=[opened.pk])) for name in ("clerk", "finance")],
        "inbox": [(name, reverse("web:inbox")) for name in ("clerk", "deptreviewer")],
        "dashboard": [
            ("finance", reverse("web:dashboard")),
            ("finance", reverse("web:dashboard") + f"?department={draft.unit.department_id}"),
            ("deptreviewer", reverse("web:dashboard")),
        ],
        "api_tokens": [(name, reverse("web:api_tokens")) for name in users],
        "errors": [(None, "/no-such-page/"), ("clerk", reverse("web:users")), ("clerk", "/tables/999999/")],
    }


def test_every_page_has_the_policy_and_nothing_inline(pages: dict[str, Any], client_for: Any) -> None:
    routes = {name for name in get_resolver("jixiao.web.urls").reverse_dict if isinstance(name, str)}
    assert "table_detail" in routes
    assert routes - NOT_PAGES - POSTED <= set(pages), "a new page: add it here"
    checked = 0
    for name, visits in pages.items():
        for who, url in visits:
            response = client_for(who).get(url)
            assert response.status_code in (200, 400, 403, 404), (url, response.status_code)
            policy = response["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy
            assert inline_parts(response.content.decode()) == [], (name, url)
            checked += 1
    assert checked >= 25


def test_the_live_review_fragment_has_nothing_inline(draft: Any, client_for: Any) -> None:
    from test_web_pages import editor_post

    response = client_for("clerk").post(reverse("web:live_review"), editor_post(draft.latest.data))
    assert response.status_code == 200 and "JX-" in response.content.decode()
    assert inline_parts(response.content.decode()) == []


def test_the_page_showing_a_new_token_has_nothing_inline(users: Any, client_for: Any) -> None:
    response = client_for("clerk").post(reverse("web:api_tokens"), {"name": "对接"})
    assert response.status_code == 200 and "token-secret" in response.content.decode()
    assert inline_parts(response.content.decode()) == []


def test_the_one_time_password_page_has_nothing_inline(users: dict[str, Any], client_for: Any) -> None:
    response = client_for("admin").post(reverse("web:user_password", args=[users["clerk"].pk]))
    assert response.status_code == 200 and "一次性密码" in response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert inline_parts(response.content.decode()) == []


def test_the_report_live_fragment_has_nothing_inline(
    draft: Any, users: dict[str, Any], walk: Any, client_for: Any
) -> None:
    published = walk(draft, "published")
    watching = rounds.open_round(
        draft.unit.department.office,
        actor=users["finance"],
        kind=RoundKind.MONITORING,
        year=2024,
        period="1-6月",
        deadline=rounds.today(),
        units=[draft.unit],
    )
    report = monitoring.get(published, watching, actor=users["clerk"])
    response = client_for("clerk").post(reverse("web:report_live", args=[report.pk]), {"revision": "1"})
    assert response.status_code in (200, 400)
    assert inline_parts(response.content.decode()) == []


def test_the_finder_finds_what_it_looks_for() -> None:
    html = (
        '<script>alert(1)</script><script src="/a.js"></script><script type="application/json">{}</script>'
        '<a href="javascript:x()" onclick="y()">a</a><p style="color:red" hx-on:click="z()"></p><style></style>'
    )
    assert inline_parts(html) == [
        "<script> without src",
        "a href=javascript:x()",
        "a onclick=",
        "p style=",
        "p hx-on:click=",
        "<style>",
    ]
