from __future__ import annotations

from typing import Any, cast

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import throttles
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


class SignInView(auth_views.LoginView):
    """Django's sign-in, paused for an address that failed too often across usernames
    (django-axes pauses one username from one address; this catches one address trying
    many usernames)."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if throttles.signin_paused(request):
            return render(request, "registration/signin_paused.html", status=429)
        return super().post(request, *args, **kwargs)


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited per address (429 with a page that says so) and per
    email (further requests get the same "sent" page and no email, so nothing tells
    whether the address has an account)."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if throttles.reset_paused(request):
            return render(request, "registration/password_reset_paused.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        if not throttles.reset_email_allowed(form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        return super().form_valid(form)
