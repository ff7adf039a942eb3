from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from accounts.models import Membership, Organization

from . import tokens
from .models import ApiToken

# A token in steady use writes its "last used" at most this often, not on every request.
TOUCH_INTERVAL = timedelta(minutes=1)


class TokenError(Exception):
    """A token cannot be made as asked; the message is for the person asking."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    plaintext: str  # shown once, never stored


def token_create(*, user: User, organization: Organization, name: str, scope: str) -> NewToken:
    if not Membership.objects.filter(user=user, organization=organization).exists():
        raise TokenError("You can make a token only for an organization you belong to.")
    if scope not in ApiToken.Scope.values:
        raise TokenError("Choose read only, or read and write.")
    name = " ".join(name.split())
    if not name:
        raise TokenError("Give the token a name that says where it is used.")
    plaintext, prefix, secret = tokens.new_token()
    token = ApiToken.objects.create(
        user=user,
        organization=organization,
        name=name[:100],
        scope=scope,
        prefix=prefix,
        secret_hash=tokens.secret_hash(secret),
    )
    return NewToken(token=token, plaintext=plaintext)


def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> ApiToken | None:
    """The live token `raw` names, or None: malformed, unknown, wrong secret, revoked, or
    its user no longer a member of its organization (leaving an organization closes the
    API to it as it closes the web)."""
    parsed = tokens.parse(raw)
    if parsed is None:
        return None
    prefix, secret = parsed
    token = (
        ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .select_related("user", "organization")
        .first()
    )
    if token is None or not tokens.secret_matches(secret, token.secret_hash):
        return None
    if not Membership.objects.filter(
        user_id=token.user_id, organization_id=token.organization_id
    ).exists():
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
