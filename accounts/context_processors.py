from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Membership
from .selectors import active_membership, memberships_for_request


def organization(request: HttpRequest) -> dict[str, Any]:
    """The navigation's organization switcher and settings link: one query, only on pages
    that show them, shared with the view through the request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_memberships": SimpleLazyObject(lambda: memberships_for_request(request)),
        "nav_membership": SimpleLazyObject(lambda: active_membership(request)),
        "owner_role": Membership.Role.OWNER,
    }
