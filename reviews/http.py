"""What every client review page shares: the token check, the rate limit on guessing, the
headers and the one 404 page that every failure gets."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt

from accounts import ratelimit
from accounts.addresses import client_address

from . import services
from .models import Reviewer

ReviewView = Callable[..., HttpResponse]

# Failed token lookups, per client address, per minute.
GUESS_SCOPE = "review-link-failures"
GUESS_WINDOW = 60
# Set once a browser has opened a link: it proves that browser had the token, so its
# later requests on that link (the PDF panel polls every 2 s) never meet the guessing limit.
OPENED_COOKIE = "sb_link"
_OPENED_SALT = "reviews.link-opened"


def review_headers(view: ReviewView) -> ReviewView:
    """The token is in the URL: never send it on as a referrer, never cache the page,
    never index it."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


def link_not_found() -> HttpResponse:
    """The same bytes for a wrong, expired or revoked token, another project's token, a
    version that does not exist: rendered without the request, so no CSRF token or nonce
    makes two answers differ."""
    return HttpResponse(render_to_string("reviews/link_not_found.html"), status=404)


def too_many_requests() -> HttpResponse:
    response = HttpResponse(render_to_string("reviews/too_many.html"), status=429)
    response["Retry-After"] = str(GUESS_WINDOW)
    return response


def _opened_value(token: str) -> str:
    return signing.dumps(services.token_hash(token)[:32], salt=_OPENED_SALT)


def _opened_here(request: HttpRequest, token: str) -> bool:
    raw = request.COOKIES.get(OPENED_COOKIE, "")
    if not raw:
        return False
    try:
        value = signing.loads(raw, salt=_OPENED_SALT, max_age=settings.REVIEW_LINK_DAYS * 86400)
    except signing.BadSignature:
        return False
    return isinstance(value, str) and hmac.compare_digest(value, services.token_hash(token)[:32])


def _remember_opened(response: HttpResponse, request: HttpRequest, token: str) -> None:
    if _opened_here(request, token):
        return
    response.set_cookie(
        OPENED_COOKIE,
        _opened_value(token),
        max_age=settings.REVIEW_LINK_DAYS * 86400,
        path=f"/r/{token}/",
        secure=not settings.DEBUG,
        httponly=True,
        samesite="Lax",
    )


def review_page(*methods: str) -> Callable[[Callable[..., HttpResponse]], ReviewView]:
    """Resolve `share_token` to its reviewer on every request (the reviewer is never
    signed in); any failure, including an Http404 raised by the view, is the one 404 page.
    The view gets (request, reviewer, share_token, ...).

    The rate limit stops guessing, not clients: only failed lookups count, per client
    address (accounts.addresses, through PROXY_COUNT proxies), and an address that failed
    REVIEW_LINK_FAILURES_PER_MINUTE times in a minute gets 429 for the rest of it. A
    browser that already opened this link carries a signed cookie that says so, and is
    never held back on it: the PDF panel's polling, a reload, a second tab."""

    def decorate(view: Callable[..., HttpResponse]) -> ReviewView:
        @wraps(view)
        def wrapped(
            request: HttpRequest, share_token: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            address = client_address(request)
            opened = _opened_here(request, share_token)
            if not opened and ratelimit.over(
                GUESS_SCOPE,
                address,
                limit=settings.REVIEW_LINK_FAILURES_PER_MINUTE,
                window=GUESS_WINDOW,
            ):
                return too_many_requests()
            reviewer: Reviewer | None = services.reviewer_for_token(share_token)
            if reviewer is None:
                ratelimit.hit(GUESS_SCOPE, address, window=GUESS_WINDOW)
                return link_not_found()
            services.reviewer_touch(reviewer)
            try:
                response = view(request, reviewer, share_token, *args, **kwargs)
            except Http404:
                return link_not_found()
            _remember_opened(response, request, share_token)
            return response

        page = review_headers(wrapped)
        if "POST" in methods:
            # The credential is the token in the path, never a cookie (the "opened" cookie
            # only lifts the guessing limit, it opens nothing): there is no ambient
            # authority for a cross-site request to borrow, so CSRF protection has nothing
            # to protect. It would also refuse every post, since with `no-referrer` the
            # browser sends `Origin: null` on form posts.
            page = csrf_exempt(page)
        return page

    return decorate
