from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from .models import Organization

SESSION_KEY = "active_organization_id"


def organizations_for_user(user: User | AnonymousUser) -> list[Organization]:
    if not user.is_authenticated:
        return []
    return list(Organization.objects.filter(memberships__user_id=user.pk).order_by("name"))


def active_organization(request: HttpRequest) -> tuple[Organization | None, list[Organization]]:
    """The organization the consultant is working in, and all of theirs (for the switcher)."""
    organizations = organizations_for_user(request.user)
    wanted = request.session.get(SESSION_KEY)
    for organization in organizations:
        if organization.pk == wanted:
            return organization, organizations
    return (organizations[0] if organizations else None), organizations
