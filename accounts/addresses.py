"""The client's address, as every rate limit and django-axes see it."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address of the client, through the reverse proxies counted in PROXY_COUNT.

    Each proxy appends the address it received the request from to X-Forwarded-For, so
    with N proxies of ours in front, the N-th entry from the right was written by the
    outermost one and is the client; anything left of it is whatever the client sent and
    is never believed. With PROXY_COUNT=0 (no proxy) the header is ignored and the peer
    address is the client. A request with fewer entries than proxies (it went around
    them) falls back to the peer address."""
    peer = str(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return peer
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = header.split(",") if header.strip() else []
    if len(forwarded) < proxies:
        return peer
    return _valid(forwarded[-proxies]) or peer
