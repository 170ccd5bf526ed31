"""佐证资料 files: what may be attached (PDF, images, Office files, told by their content), where they are kept
(``settings.JIXIAO_ATTACHMENT_DIR``, outside the web root, under a random name), who may read them.

A file is served to those who may see its table (:func:`jixiao.web.permissions.tables_in_scope`), and to the
public only when the table is published and the unit marked the file public.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Attachment, AuditAction, TableRecord
from . import audit, stages

if TYPE_CHECKING:
    from ..accounts import User

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office 97-2003 文件"),
)
_OOXML = {"word/": "Word 文档", "xl/": "Excel 工作簿", "ppt/": "PowerPoint 演示文稿"}
ACCEPTED = "PDF、图片（PNG、JPEG、GIF、TIFF、WebP）或 Office 文件（Word、Excel、PowerPoint、WPS、OpenDocument）"
#: members a zip may list before it is refused unread (an Office file has tens)
_MAX_MEMBERS = 5000


class AttachmentRefused(Exception):
    """Not a file we keep as evidence, or too large; the message says why."""


def _zip_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if len(names) > _MAX_MEMBERS:
                return None
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                    return "OpenDocument 文件"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    if "[Content_Types].xml" in names:
        for prefix, label in _OOXML.items():
            if any(name.startswith(prefix) for name in names):
                return label
    return None


def kind_of(content: bytes) -> str:
    """The file's kind from its first bytes (and, for a zip, its member names); never from its name."""
    for magic, label in _MAGIC:
        if content.startswith(magic):
            return label
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "WebP 图片"
    if content.startswith(b"PK\x03\x04"):
        found = _zip_kind(content)
        if found:
            return found
    raise AttachmentRefused(f"佐证资料只接受{ACCEPTED}；这个文件的内容不是其中任何一种")


def folder() -> Path:
    path = Path(settings.JIXIAO_ATTACHMENT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def attach(
    record: TableRecord,
    *,
    actor: User,
    name: str,
    content: bytes,
    indicator: int | None = None,
    public: bool = False,
) -> Attachment:
    """Keep ``content`` as 佐证资料 of ``record`` (of its indicator ``indicator``, 0-based), while the unit may edit."""
    limit = settings.JIXIAO_UPLOAD_MAX_BYTES
    if not content:
        raise AttachmentRefused("文件是空的")
    if len(content) > limit:
        raise AttachmentRefused(f"文件有 {len(content) / 1048576:.1f} MB，超过 {limit / 1048576:.0f} MB 的上限")
    if "edit" not in stages.actions(record, actor):
        raise AttachmentRefused(f"目标表当前为“{stages.label(record)}”，不能添加佐证资料")
    kind = kind_of(content)
    indicators = record.latest.data.get("indicators", [])
    if indicator is not None and not 0 <= indicator < len(indicators):
        raise AttachmentRefused("没有这个指标")
    indicator_name = (indicators[indicator].get("name") or "") if indicator is not None else ""
    stored_as = secrets.token_hex(16)
    path = folder() / stored_as
    path.write_bytes(content)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                record=record,
                indicator=indicator,
                indicator_name=indicator_name[:300],
                name=Path(name).name[:255] or "佐证资料",
                kind=kind,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                stored_as=stored_as,
                public=public,
                uploaded_by=actor,
            )
            where = f"（{indicator_name}）" if indicator_name else ""
            audit.record(
                record,
                actor=actor,
                action=AuditAction.EDIT,
                comment=f"添加佐证资料{where}：{attachment.name}",
                version_number=record.latest.number,
                diff=[
                    {
                        "field": "evidence_file",
                        "indicator": indicator_name or None,
                        "before": None,
                        "after": attachment.name,
                    }
                ],
            )
    except BaseException:
        path.unlink(missing_ok=True)  # nothing half-written is kept
        raise
    return attachment


def remove(attachment: Attachment, *, actor: User) -> None:
    record = attachment.record
    if "edit" not in stages.actions(record, actor):
        raise AttachmentRefused(f"目标表当前为“{stages.label(record)}”，不能删除佐证资料")
    with transaction.atomic():
        attachment.removed_at = timezone.now()
        attachment.save(update_fields=["removed_at"])
        audit.record(
            record,
            actor=actor,
            action=AuditAction.EDIT,
            comment=f"删除佐证资料：{attachment.name}",
            version_number=record.latest.number,
            diff=[
                {
                    "field": "evidence_file",
                    "indicator": attachment.indicator_name or None,
                    "before": attachment.name,
                    "after": None,
                }
            ],
        )


def content_of(attachment: Attachment) -> bytes:
    return (folder() / attachment.stored_as).read_bytes()


def listed(record: TableRecord, *, public_only: bool = False) -> list[Attachment]:
    """The table's files; ``public_only``: those marked public that were reviewed with the published version (a file
    added during a 目标调整 waits for the adjusted version's publication)."""
    files = Attachment.objects.filter(record=record, removed_at__isnull=True)
    if not public_only:
        return list(files)
    published = record.published_version
    if published is None or published.submitted_at is None:
        return []
    return list(files.filter(public=True, created_at__lte=published.submitted_at))
