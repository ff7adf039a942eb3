"""Throttles of the sign-in and password-reset forms, beyond django-axes' per (username,
address) lockout: one address trying many usernames, and password-reset requests (each
sends an email and costs a password-hash's worth of work)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from . import ratelimit
from .addresses import client_address

SIGNIN_SCOPE = "signin-failures"
RESET_ADDRESS_SCOPE = "password-reset-address"
RESET_EMAIL_SCOPE = "password-reset-email"


def signin_paused(request: HttpRequest) -> bool:
    return ratelimit.over(
        SIGNIN_SCOPE,
        client_address(request),
        limit=settings.SIGNIN_FAILURES_PER_ADDRESS,
        window=settings.SIGNIN_ADDRESS_WINDOW,
    )


@receiver(user_login_failed)
def _count_failed_signin(
    sender: Any, credentials: Any, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is not None:
        ratelimit.hit(SIGNIN_SCOPE, client_address(request), window=settings.SIGNIN_ADDRESS_WINDOW)


def reset_paused(request: HttpRequest) -> bool:
    """Count a password-reset request from this address; True when it is one too many."""
    count = ratelimit.hit(
        RESET_ADDRESS_SCOPE, client_address(request), window=settings.PASSWORD_RESET_WINDOW
    )
    return count > settings.PASSWORD_RESETS_PER_ADDRESS


def reset_email_allowed(email: str) -> bool:
    """Count a password-reset email to this address; False when it already had its share
    (the page says "sent" all the same)."""
    count = ratelimit.hit(
        RESET_EMAIL_SCOPE, email.strip().lower(), window=settings.PASSWORD_RESET_WINDOW
    )
    return count <= settings.PASSWORD_RESETS_PER_EMAIL
