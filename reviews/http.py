"""What every client review page shares: the token check, the rate limit, the headers and
the one 404 page that every failure gets."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt

from . import services
from .models import Reviewer

ReviewView = Callable[..., HttpResponse]


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR: behind a reverse proxy, have the proxy set it (e.g. gunicorn's
    --forwarded-allow-ips with a proxy-fix), never trust a client-sent header here."""
    return str(request.META.get("REMOTE_ADDR", ""))


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
    response["Retry-After"] = "60"
    return response


def review_page(*methods: str) -> Callable[[Callable[..., HttpResponse]], ReviewView]:
    """Resolve `share_token` to its reviewer on every request (the reviewer is never
    signed in), rate-limited per address; any failure, including an Http404 raised by the
    view, is the one 404 page. The view gets (request, reviewer, share_token, ...)."""

    def decorate(view: Callable[..., HttpResponse]) -> ReviewView:
        @wraps(view)
        def wrapped(
            request: HttpRequest, share_token: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            if services.rate_limit_hit(client_address(request)):
                return too_many_requests()
            reviewer: Reviewer | None = services.reviewer_for_token(share_token)
            if reviewer is None:
                return link_not_found()
            services.reviewer_touch(reviewer)
            try:
                return view(request, reviewer, share_token, *args, **kwargs)
            except Http404:
                return link_not_found()

        page = review_headers(wrapped)
        if "POST" in methods:
            # The credential is the token in the path, never a cookie: there is no ambient
            # authority for a cross-site request to borrow, so CSRF protection has nothing
            # to protect. It would also refuse every post, since with `no-referrer` the
            # browser sends `Origin: null` on form posts.
            page = csrf_exempt(page)
        return page

    return decorate
