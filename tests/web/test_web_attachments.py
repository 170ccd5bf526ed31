"""佐证资料 files: told by their content, kept outside the web root, served within the table's scope only, public
only with a published table and when marked."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from jixiao.web.models import Attachment, Role, RoleAssignment, Unit
from jixiao.web.services import attachments

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def post_file(client: Client, record: Any, name: str, content: bytes, **extra: str) -> Any:
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("web:attach", args=[record.pk]), {"file": file, **extra}, follow=True)


@pytest.mark.parametrize(
    ("content", "kind"),
    [(PDF, "PDF"), (PNG, "PNG 图片"), (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "JPEG 图片"), (docx(), "Word 文档")],
)
def test_the_kind_comes_from_the_content(content: bytes, kind: str) -> None:
    assert attachments.kind_of(content) == kind


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00 an executable", b"<html><script>alert(1)</script>", b"PK\x03\x04 not a zip"]
)
def test_other_files_are_refused_whatever_their_name(
    content: bytes, draft: Any, users: dict[str, Any], client_for: Any
) -> None:
    response = post_file(client_for("clerk"), draft, "报告.pdf", content)
    assert "佐证资料只接受PDF、图片" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not any(Path(settings.JIXIAO_ATTACHMENT_DIR).glob("*"))


def test_a_file_too_large_is_refused(draft: Any, users: dict[str, Any], client_for: Any, settings: Any) -> None:
    settings.JIXIAO_UPLOAD_MAX_BYTES = 1000
    response = post_file(client_for("clerk"), draft, "扫描件.pdf", PDF + b"\x00" * 2000)
    assert "超过 0 MB 的上限" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_on_an_indicator_is_kept_outside_the_web_root_and_listed(
    draft: Any, users: dict[str, Any], client_for: Any, submit: Any
) -> None:
    page = post_file(client_for("clerk"), draft, "户数统计.pdf", PDF, indicator="0")
    assert "佐证资料已上传" in page.content.decode()
    attached = Attachment.objects.get()
    assert (attached.indicator, attached.indicator_name, attached.kind) == (0, "支持国有企业户数", "PDF")
    stored = Path(settings.JIXIAO_ATTACHMENT_DIR) / attached.stored_as
    assert stored.read_bytes() == PDF and "户数统计" not in stored.name
    assert not str(stored).startswith(str(Path(settings.STATIC_URL)))
    submit(draft, users["unitlead"])
    review = client_for("deptreviewer").get(reverse("web:table_review", args=[draft.pk])).content.decode()
    link = f'href="{reverse("web:attachment", args=[attached.pk])}"'
    assert review.count(link) == 2  # in the 佐证资料 column of its indicator, and in the list of files
    assert "附件：户数统计.pdf" in review
    assert draft.audit_entries.filter(comment="添加佐证资料（支持国有企业户数）：户数统计.pdf").exists()


def test_a_drafts_file_is_404_outside_its_units_chain_and_to_the_public(
    draft: Any, users: dict[str, Any], client_for: Any, other_unit: Unit
) -> None:
    attached = attachments.attach(draft, actor=users["clerk"], name="依据.pdf", content=PDF, public=True)
    url = reverse("web:attachment", args=[attached.pk])
    outsiders = []
    for name, role, unit, department in (
        ("otherclerk", Role.CLERK, other_unit, None),
        ("otherreviewer", Role.DEPARTMENT_REVIEWER, None, other_unit.department),
    ):
        user = get_user_model().objects.create_user(username=name)
        RoleAssignment.objects.create(user=user, role=role, unit=unit, department=department)
        client = Client()
        client.force_login(user)
        outsiders.append(client)
    assert [client.get(url).status_code for client in outsiders] == [404, 404]
    assert client_for(None).get(reverse("web:public_attachment", args=[draft.pk, attached.pk])).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login page
    inside = {name: client_for(name).get(url) for name in ("clerk", "unitlead", "deptreviewer", "finance")}
    assert {name: r.status_code for name, r in inside.items()} == dict.fromkeys(inside, 200)
    assert inside["clerk"].content == PDF
    assert inside["clerk"]["Content-Disposition"].startswith("attachment;")


def test_the_public_gets_a_published_tables_files_marked_public_only(
    draft: Any, users: dict[str, Any], client_for: Any, walk: Any
) -> None:
    shown = attachments.attach(draft, actor=users["clerk"], name="公开依据.pdf", content=PDF, public=True)
    kept = attachments.attach(draft, actor=users["clerk"], name="内部测算.pdf", content=PDF, indicator=1)
    walk(draft, "published")
    anonymous = client_for(None)
    assert anonymous.get(reverse("web:public_attachment", args=[draft.pk, shown.pk])).content == PDF
    assert anonymous.get(reverse("web:public_attachment", args=[draft.pk, kept.pk])).status_code == 404
    page = anonymous.get(reverse("web:public_detail", args=[draft.pk])).content.decode()
    assert "公开依据.pdf" in page and "内部测算.pdf" not in page


def test_files_cannot_be_added_while_the_table_is_under_review(draft: Any, users: dict[str, Any], submit: Any) -> None:
    submit(draft, users["unitlead"])
    draft.refresh_from_db()
    with pytest.raises(attachments.AttachmentRefused, match="不能添加佐证资料"):
        attachments.attach(draft, actor=users["clerk"], name="迟到.pdf", content=PDF)
