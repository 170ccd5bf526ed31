"""Template helpers: look up a finding's explanation, a header cell's mark, a diff value."""

from __future__ import annotations

from typing import Any

from django import template

from ..services.findings import finding_key

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``explanations|get_item:finding`` — by a finding (its key) or a plain key."""
    if not mapping:
        return ""
    if not isinstance(key, str):
        key = finding_key(key)
    return mapping.get(key, "")


@register.simple_tag
def mark_class(marks: Any, name: str) -> str:
    return (marks or {}).get(name, "")


@register.filter
def shown(value: Any) -> str:
    """A diff value for the audit trail: empty shown as a dash."""
    if value is None or value == "":
        return "—"
    return str(value)
