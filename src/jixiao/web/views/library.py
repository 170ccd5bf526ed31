"""指标库整理: 财政 sees the library's entries per 二级 and marks them recommended, merges or retires them."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jixiao.library.catalog import level2_of
from jixiao.library.entries import typical_text

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, CurationForm
from ..models import AuditAction, AuditEntry
from ..services import audit, library

LABELS = {"recommend": ("推荐", "取消推荐"), "retire": ("停用", "恢复"), "merge": ("合并", "合并")}


def _local(stamp: str) -> str:
    """The library's build time (ISO, UTC) in the site's time zone, to the minute."""
    try:
        moment = datetime.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@login_required
def library_page(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.LIBRARY)
    found = library.current()
    query = request.GET.get("q", "").strip()[:50]
    chosen = level2_of(request.GET.get("level2", "").strip()[:50]) or ""
    sections = []
    if found is not None:
        for level2, entries in library.entries_by_level2(found):
            if chosen and level2 != chosen:
                continue
            shown = [e for e in entries if not query or any(query in name for name, _ in e.names) or query in e.group]
            if shown:
                rows = [
                    {"entry": e, "typical": typical_text(e), "operator": library.sign_of(e.operator)} for e in shown
                ]
                sections.append({"level2": level2, "rows": rows, "others": entries})
    context = {
        "library": found,
        "path": library.path(),
        "built_at": _local(found.built_at) if found else "",
        "sections": sections,
        "level2s": [level2 for level2, _ in library.entries_by_level2(found)] if found else [],
        "query": query,
        "chosen": chosen,
        "retired": library.retired_entries(found) if found else [],
        "tables": len({o.source for o in found.observations if o.source.startswith(library.SOURCE_PREFIX)})
        if found
        else 0,
        "history": AuditEntry.objects.filter(action=AuditAction.LIBRARY).order_by("-sequence")[:10],
    }
    return render(request, "web/library.html", context)


@login_required
@require_POST
def library_curate(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.LIBRARY)
    try:
        chosen = CurationForm(request.POST).checked()
        library.curate(request.user, chosen["action"], chosen["entry"], into=chosen["into"], undo=chosen["undo"])
    except BadInput as bad:
        for text in bad.messages:
            messages.error(request, text)
    except library.CurationRefused as refused:
        messages.error(request, str(refused))
    else:
        label = LABELS[chosen["action"]][1 if chosen["undo"] else 0]
        messages.success(request, f"已{label}：{chosen['entry']}")
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/library/") and "//" not in back else "web:library")


@login_required
@require_POST
def library_rebuild(request: AuthenticatedRequest) -> HttpResponse:
    """Put every published table of the system into the library now (publication does it too)."""
    perms.require(request.user, perms.LIBRARY)
    found = library.rebuild()
    tables = len({o.source for o in found.observations if o.source.startswith(library.SOURCE_PREFIX)})
    comment = f"重新生成指标库：{tables} 张已公开的目标表"
    audit.record_account(actor=request.user, action=AuditAction.LIBRARY, comment=comment)
    messages.success(request, f"指标库已重新生成：本系统 {tables} 张已公开的目标表，共 {len(found.entries())} 个条目。")
    return redirect("web:library")
