from __future__ import annotations

from typing import cast

from django.contrib.auth.models import User
from django.http import HttpRequest


def signed_in_user(request: HttpRequest) -> User:
    """The consultant behind a request that @login_required already let through."""
    return cast(User, request.user)


def htmx_partial(request: HttpRequest) -> bool:
    """Render only the swapped fragment for htmx navigation; full pages for everything
    else, including boosted links and history restores (htmx's history cache is off for
    client data, so a restore asks the server for the whole page)."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.boosted and not htmx.history_restore_request
