"""The office's scoring profile (评分规则), for 财政 and the administrator: see it, change it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from .. import permissions as perms
from ..accounts import AuthenticatedRequest
from ..forms import BadInput, text_of
from ..models import FinanceOffice, ScoringProfile
from ..services import profiles


@login_required
def office_profile(request: AuthenticatedRequest) -> HttpResponse:
    perms.require(request.user, perms.CONFIGURE_PROFILE)
    office = FinanceOffice.objects.order_by("id").first()
    errors: list[str] = []
    if office is not None and request.method == "POST":
        try:
            chosen = text_of(request.POST, "profile", "评分规则")
            rescored = profiles.change(office, chosen, actor=request.user)
        except BadInput as bad:
            errors = bad.messages
        except profiles.ProfileRefused as refused:
            errors = [str(refused)]
        else:
            office.refresh_from_db()
            messages.success(request, f"评分规则为“{office.get_profile_display()}”；重新计分 {rescored} 份草稿。")
            return redirect("web:office_profile")
    return render(
        request,
        "web/office_profile.html",
        {
            "office": office,
            "choices": ScoringProfile.choices,
            "waiting": profiles.in_review(office) if office is not None else 0,
            "drafts": profiles.draft_count(office) if office is not None else 0,
            "form_errors": errors,
            "trail": profiles.history(),
        },
        status=400 if errors else 200,
    )
