from __future__ import annotations

import re
import unicodedata
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


# The largest value an integer column can hold: PositiveIntegerField (version numbers,
# requirement versions) on PostgreSQL; ids (BigAutoField) go up to 2**63 - 1.
INT_MAX = 2**31 - 1
ID_MAX = 2**63 - 1


def bounded_int(raw: object, *, minimum: int = 1, maximum: int = INT_MAX) -> int | None:
    """A whole number a client sent (query string, form field), or None when it is not one
    or lies outside [minimum, maximum]: a value no column can hold must become a 404 or a
    form error, never an OverflowError from the database driver."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


_NOT_A_NAME = re.compile(r"[\W_]+")


def download_filename(*parts: str, extension: str, fallback: str, max_length: int = 120) -> str:
    """A file name for a download, from names people typed: the whole of each name, every
    run of anything but letters and digits (spaces, "/", quotes, control characters) made
    one hyphen, so "Acme 24/7 Support" stays "Acme-24-7-Support" instead of a browser
    cutting it at the "/". Letters outside ASCII are kept (the header carries them as
    RFC 5987 `filename*`); a name with no letter or digit at all falls back to `fallback`."""
    text = unicodedata.normalize("NFC", " ".join(parts))
    stem = _NOT_A_NAME.sub("-", text).strip("-")
    if len(stem) > max_length:
        stem = stem[:max_length].rsplit("-", 1)[0] or stem[:max_length]
    return f"{stem or fallback}.{extension}"
