"""Request size limits enforced before any of the body is read."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

logger = logging.getLogger("django.security.RequestTooLarge")

TOO_LARGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large</title>'
    "</head><body><h1>That was too large</h1><p>{what} can be at most {limit}. Go back and "
    "choose a smaller file, or shorten the text.</p></body></html>"
)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _view_limit(path: str, default: int) -> int:
    """The upload limit of the view at `path`, if UPLOAD_MAX_REQUEST_BYTES_BY_VIEW names it."""
    limits = getattr(settings, "UPLOAD_MAX_REQUEST_BYTES_BY_VIEW", None) or {}
    if not limits:
        return default
    try:
        name = resolve(path).view_name
    except Resolver404:
        return default
    return int(limits.get(name, default))


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is over the limit with 413, from its headers
    alone: nothing of the body is read or stored. Form posts may be up to
    DATA_UPLOAD_MAX_MEMORY_SIZE (Django checks that too, but only when a view first reads
    the form); uploads (multipart) up to UPLOAD_MAX_REQUEST_BYTES, room for the largest
    file the app takes (a 5 MB project export) and the form around it, except where
    UPLOAD_MAX_REQUEST_BYTES_BY_VIEW names a view taking larger files (the ticket-history
    import). Django never reads more than Content-Length says, so a client that lies about
    it gains nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = str(request.META.get("CONTENT_TYPE", "")).startswith("multipart/")
        limit = (
            settings.UPLOAD_MAX_REQUEST_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if multipart and limit is not None and length > limit:
            limit = _view_limit(request.path_info, limit)
        if limit is not None and length > limit:
            logger.warning(
                "413 Request Entity Too Large: %s %s: %s bytes declared, at most %s",
                request.method,
                request.path,
                length,
                limit,
            )
            what = "An upload" if multipart else "A form"
            return HttpResponse(TOO_LARGE.format(what=what, limit=_megabytes(limit)), status=413)
        return self.get_response(request)
