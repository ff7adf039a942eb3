"""Personal access tokens: how they are made, stored and checked.

A token reads `sbp_<prefix>_<secret>`. The prefix (public, unique) finds the row; the
secret is checked against an HMAC-SHA256 of it keyed with the server's SECRET_KEY (and,
while a key is being rotated, each of SECRET_KEY_FALLBACKS), compared in constant time.
A plain SHA-256 would do for a random secret; the key means a leaked database alone
cannot even confirm a guessed token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

TOKEN_RE = re.compile(r"^sbp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")


def secret_hash(secret: str, key: str | None = None) -> str:
    key = settings.SECRET_KEY if key is None else key
    return hmac.new(key.encode(), secret.encode(), hashlib.sha256).hexdigest()


def secret_matches(secret: str, stored: str) -> bool:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(hmac.compare_digest(secret_hash(secret, key), stored) for key in keys)


def new_token() -> tuple[str, str, str]:
    """(the whole token to show once, its prefix, its secret)."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return f"sbp_{prefix}_{secret}", prefix, secret


def parse(token: str) -> tuple[str, str] | None:
    match = TOKEN_RE.match(token.strip())
    return (match.group(1), match.group(2)) if match else None
