from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse

from .models import Membership, Organization

SESSION_KEY = "active_organization_id"
LOGO_SALT = "accounts.organization-logo"
_CACHE_ATTR = "_sb_memberships"


def organizations_for_user(user: User | AnonymousUser) -> list[Organization]:
    if not user.is_authenticated:
        return []
    return list(Organization.objects.filter(memberships__user_id=user.pk).order_by("name"))


def memberships_for_request(request: HttpRequest) -> list[Membership]:
    """The signed-in user's memberships with their organizations, by organization name:
    one query per request, shared by the navigation, the views and the role checks."""
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None:
        user = request.user
        cached = (
            list(
                Membership.objects.filter(user_id=user.pk)
                .select_related("organization")
                .order_by("organization__name")
            )
            if user.is_authenticated
            else []
        )
        setattr(request, _CACHE_ATTR, cached)
    return cached


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership of the organization the consultant is working in: the one chosen in
    the switcher, else the first by name."""
    memberships = memberships_for_request(request)
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.organization_id == wanted:
            return membership
    return memberships[0] if memberships else None


def active_organization(request: HttpRequest) -> tuple[Organization | None, list[Organization]]:
    """The organization the consultant is working in, and all of theirs (for the switcher)."""
    memberships = memberships_for_request(request)
    active = active_membership(request)
    return (
        active.organization if active else None,
        [membership.organization for membership in memberships],
    )


def role_in(request: HttpRequest, organization: Organization) -> str | None:
    """The signed-in user's role in `organization`, or None when they are not a member."""
    for membership in memberships_for_request(request):
        if membership.organization_id == organization.pk:
            return membership.role
    return None


def logo_url(organization: Organization) -> str:
    """A stable, unguessable address of the organization's logo (empty without one): the
    client's pages show it with no account. The file name is signed into it, so a new logo
    gets a new address and browsers may cache each one for long."""
    if not organization.logo:
        return ""
    token = signing.Signer(salt=LOGO_SALT).sign_object(
        {"o": organization.pk, "f": organization.logo.name}
    )
    return reverse("accounts:organization_logo", args=[token])


def branding(organization: Organization) -> dict[str, Any]:
    """What a page needs to wear the consultancy's colours: its name, logo address and a
    web-safe accent (the brand colour, darkened only if too pale to read on white)."""
    from .branding import PAGE, darkened, tint

    try:
        accent = darkened(organization.brand_color, against=PAGE)
    except ValueError:
        accent = "#1f4e79"
    # Accent text also sits on its own pale tint (badges, the current section): darken
    # until it reads there too.
    soft = tint(accent, 0.9)
    accent = darkened(accent, against=soft)
    return {
        "name": organization.name,
        "logo_url": logo_url(organization),
        "accent": accent,
        "accent_soft": soft,
        "accent_dark": darkened(accent, minimum=7.0, against=PAGE),
    }
