from __future__ import annotations

from typing import cast

from django.contrib.auth.models import User
from django.http import HttpRequest


def signed_in_user(request: HttpRequest) -> User:
    """The consultant behind a request that @login_required already let through."""
    return cast(User, request.user)
