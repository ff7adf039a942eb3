from __future__ import annotations

import mimetypes
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services, throttles
from .forms import LanguageForm, MemberAddForm, MemberRoleForm, OrganizationSettingsForm
from .http import ID_MAX, bounded_int, signed_in_user
from .models import Membership, Organization
from .selectors import LOGO_SALT, SESSION_KEY, active_membership, branding, logo_url


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


@require_http_methods(["GET", "POST"])
def language(request: HttpRequest) -> HttpResponse:
    """The language of one's own pages: a signed-in consultant's profile (this page and the
    switch in the navigation), a visitor's cookie (the switch on the sign-in page)."""
    user = signed_in_user(request) if request.user.is_authenticated else None
    initial = {"language": getattr(getattr(user, "profile", None), "language", "")}
    form = LanguageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = services.language_set(
            request=request, user=user, language=form.cleaned_data["language"]
        )
        translation.activate(chosen or translation.get_language_from_request(request))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("accounts:language")
        if target == reverse("accounts:language"):
            messages.success(request, _("Language saved."))
        response = redirect(target)
        if chosen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=request.is_secure(),
            )
        else:
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        return response
    return render(request, "accounts/language.html", {"form": form})


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


def _membership_or_404(request: HttpRequest) -> Membership:
    membership = active_membership(request)
    if membership is None:
        raise Http404
    return membership


def _owner_or_403(request: HttpRequest) -> Membership:
    """Settings and members change only by an owner of the active organization: a
    consultant gets 403, someone with no organization 404."""
    membership = _membership_or_404(request)
    if membership.role != Membership.Role.OWNER:
        raise PermissionDenied("Only an owner of the organization can change this.")
    return membership


def _settings_page(
    request: HttpRequest,
    membership: Membership,
    form: OrganizationSettingsForm | None = None,
    add_form: MemberAddForm | None = None,
    status: int = 200,
) -> HttpResponse:
    organization = membership.organization
    members = list(
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    is_owner = membership.role == Membership.Role.OWNER
    context = {
        "organization": organization,
        "membership": membership,
        "is_owner": is_owner,
        "form": form or OrganizationSettingsForm(instance=organization),
        "add_form": add_form or MemberAddForm(prefix="member"),
        "members": members,
        "owners": sum(1 for m in members if m.role == Membership.Role.OWNER),
        "roles": Membership.Role.choices,
        "logo_url": logo_url(organization),
        "brand": branding(organization),
    }
    return render(request, "accounts/organization.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organization_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _settings_page(request, _membership_or_404(request))
    membership = _owner_or_403(request)
    organization = membership.organization
    form = OrganizationSettingsForm(request.POST, request.FILES, instance=organization)
    if not form.is_valid():
        # The form's instance took the posted values: show the saved ones elsewhere.
        organization.refresh_from_db()
        return _settings_page(request, membership, form=form, status=400)
    services.organization_update(
        organization=organization,
        data=form.cleaned_data,
        logo_cleared=request.POST.get("logo-clear") == "on",
    )
    messages.success(request, "Organization settings saved.")
    return redirect("accounts:organization_settings")


@login_required
@require_POST
def member_add(request: HttpRequest) -> HttpResponse:
    membership = _owner_or_403(request)
    form = MemberAddForm(request.POST, prefix="member")
    if not form.is_valid():
        return _settings_page(request, membership, add_form=form, status=400)
    try:
        added = services.member_add(
            organization=membership.organization,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            role=form.cleaned_data["role"],
            invited_by=signed_in_user(request),
            site_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except services.MembershipError as exc:
        form.add_error("email", str(exc))
        return _settings_page(request, membership, add_form=form, status=400)
    user = added.membership.user
    who = user.get_full_name() or user.email
    if added.new_account:
        messages.success(
            request,
            f"{who} was added. An email with a link to set a password went to {user.email}.",
        )
    else:
        messages.success(request, f"{who} was added to {membership.organization.name}.")
    return redirect("accounts:organization_settings")


def _member_or_404(request: HttpRequest, owner: Membership, membership_id: int) -> Membership:
    member = (
        Membership.objects.filter(pk=membership_id, organization_id=owner.organization_id)
        .select_related("user")
        .first()
    )
    if member is None:
        raise Http404
    return member


@login_required
@require_POST
def member_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    owner = _owner_or_403(request)
    member = _member_or_404(request, owner, membership_id)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose Owner or Consultant.")
        return redirect("accounts:organization_settings")
    try:
        services.member_role_set(membership=member, role=form.cleaned_data["role"])
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        label = Membership.Role(form.cleaned_data["role"]).label
        who = member.user.get_full_name() or member.user.username
        messages.success(request, f"{who} is now {label.lower()}.")
    return redirect("accounts:organization_settings")


@login_required
@require_POST
def member_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    owner = _owner_or_403(request)
    member = _member_or_404(request, owner, membership_id)
    who = member.user.get_full_name() or member.user.username
    try:
        services.member_remove(membership=member)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:organization_settings")
    messages.success(request, f"{who} no longer belongs to {owner.organization.name}.")
    if member.user_id == owner.user_id:
        return redirect("discovery:dashboard")
    return redirect("accounts:organization_settings")


@require_GET
def organization_logo(request: HttpRequest, signed: str) -> HttpResponseBase:
    try:
        value = signing.Signer(salt=LOGO_SALT).unsign_object(signed)
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    organization = Organization.objects.filter(pk=value.get("o"), logo=value.get("f")).first()
    if organization is None or not organization.logo:
        raise Http404
    try:
        file = organization.logo.open("rb")
    except OSError:
        raise Http404 from None
    content_type = mimetypes.guess_type(str(organization.logo.name))[0] or "image/png"
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
