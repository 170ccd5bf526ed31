"""Public pages read the published version only: a table under 目标调整 shows nothing of its draft."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import quote

import pytest
from django.urls import reverse

from jixiao.web.services import workflow

DRAFT_NAME = "调整中的新项目名称"


@pytest.fixture
def adjusting(draft: Any, users: dict[str, Any], walk: Any) -> Any:
    """Seed table 1 published for 2024, then under adjustment: its draft renamed and moved to 2025."""
    walk(draft, "published")
    workflow.start_adjustment(draft, actor=users["unitlead"], comment="预算调减")
    data = copy.deepcopy(draft.latest.data)
    data["project_name"], data["year"] = DRAFT_NAME, 2025
    data["funding"]["total"] = "1"
    workflow.save_draft(draft, actor=users["clerk"], data=data, revision=draft.latest.revision)
    draft.refresh_from_db()
    assert (draft.project_name, draft.year) == (DRAFT_NAME, 2025)  # the record follows the draft
    return draft


def test_the_list_and_search_show_the_published_name_and_year(adjusting: Any, client_for: Any) -> None:
    published_name = adjusting.published_version.data["project_name"]
    anonymous = client_for(None)
    html = anonymous.get(reverse("web:public")).content.decode()
    assert DRAFT_NAME not in html and "2025" not in html
    assert f">{published_name}</a></td>" in html and "<td>2024</td>" in html
    assert DRAFT_NAME not in anonymous.get(reverse("web:public"), {"q": "新项目"}).content.decode()
    assert "暂无公开的目标表" in anonymous.get(reverse("web:public"), {"q": DRAFT_NAME}).content.decode()
    found = anonymous.get(reverse("web:public"), {"q": published_name[:6]}).content.decode()
    assert f">{published_name}</a></td>" in found


def test_the_detail_page_and_exports_show_the_published_version(adjusting: Any, client_for: Any) -> None:
    published = adjusting.published_version.data
    anonymous = client_for(None)
    html = anonymous.get(reverse("web:public_detail", args=[adjusting.pk])).content.decode()
    assert DRAFT_NAME not in html and "2025" not in html
    assert f"<h1>{published['project_name']}</h1>" in html and "2024 年度" in html
    response = anonymous.get(reverse("web:public_export", args=[adjusting.pk, "json"]))
    assert response["Content-Disposition"] == (
        f"attachment; filename*=UTF-8''{quote('2024-' + published['project_name'] + '.json')}"
    )
    assert DRAFT_NAME not in response.content.decode()
