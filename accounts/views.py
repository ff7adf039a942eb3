from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from .http import ID_MAX, bounded_int
from .models import Organization
from .selectors import SESSION_KEY


@login_required
@require_GET
def ping(request: HttpRequest) -> HttpResponse:
    """Answers 204 while the session is valid. The wizard calls it before resuming autosave
    after the laptop slept, and it is the floor our benchmarks compare pages against."""
    return HttpResponse(status=204)


@login_required
@require_POST
def switch_organization(request: HttpRequest) -> HttpResponse:
    organization_id = bounded_int(request.POST.get("organization"), maximum=ID_MAX)
    if organization_id is None:
        raise Http404
    organization = Organization.objects.filter(
        pk=organization_id, memberships__user=cast(User, request.user)
    ).first()
    if organization is None:
        raise Http404
    request.session[SESSION_KEY] = organization.pk
    return redirect("discovery:dashboard")
