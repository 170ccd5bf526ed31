"""The answer to a request whose values do not fit: a 400 page saying which value and why."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..forms import BadInput


def bad_request(request: HttpRequest, bad: BadInput) -> HttpResponse:
    return render(request, "web/bad_request.html", {"form_errors": bad.messages}, status=400)
