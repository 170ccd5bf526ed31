"""Store rows as the API's documents (plain dicts the schemas of :mod:`.schemas` check)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao.findings import Finding

from ..models import Attachment, Decision, TableRecord, TableVersion
from ..services import stages
from ..services.findings import Review, finding_key

if TYPE_CHECKING:
    from ..accounts import AnyUser


def named(row: Any) -> dict[str, Any]:
    return {"id": row.pk, "name": row.name}


def person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username()) if user is not None else ""


def table_summary(record: TableRecord) -> dict[str, Any]:
    latest = record.latest
    return {
        "id": record.pk,
        "year": record.year,
        "project_name": record.project_name,
        "unit": named(record.unit),
        "department": named(record.unit.department),
        "status": record.status,
        "status_label": stages.label(record),
        "stage": stages.current(record).name,
        "version": latest.number,
        "revision": latest.revision,
        "error_count": record.error_count,
        "warning_count": record.warning_count,
        "published_version": record.published_version.number if record.published_version else None,
        "updated_at": record.updated_at,
    }


def table(record: TableRecord, version: TableVersion, user: AnyUser) -> dict[str, Any]:
    return {
        **table_summary(record),
        "actions": sorted(stages.actions(record, user)),
        "shown_version": version.number,
        "data": version.data,
        "explanations": version.explanations,
    }


def finding(found: Finding) -> dict[str, Any]:
    return {
        "code": found.code,
        "severity": found.severity.value,
        "title": found.title,
        "message": found.message,
        "indicator": found.location.indicator,
        "field": found.location.field,
        "key": finding_key(found),
        "citation": found.citation,
    }


def review(result: Review, version: int | None) -> dict[str, Any]:
    return {
        "version": version,
        "counts": result.counts(),
        "blocking": result.blocking,
        "findings": [finding(f) for f in result.ordered],
        "problems": [
            {"field": p.field, "text": p.text, "message": p.message, "indicator": p.indicator} for p in result.problems
        ],
    }


def decision(found: Decision) -> dict[str, Any]:
    return {
        "outcome": found.outcome,
        "stage": found.stage_name,
        "reviewer": person(found.reviewer),
        "comment": found.comment,
        "indicator_comments": found.indicator_comments,
        "created_at": found.created_at.isoformat(),
    }


def attachment(found: Attachment) -> dict[str, Any]:
    return {
        "id": found.pk,
        "name": found.name,
        "kind": found.kind,
        "size": found.size,
        "sha256": found.sha256,
        "indicator": found.indicator,
        "indicator_name": found.indicator_name,
        "public": found.public,
        "uploaded_by": person(found.uploaded_by),
        "created_at": found.created_at,
    }
