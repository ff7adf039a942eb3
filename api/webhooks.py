"""Webhooks: an organization's subscriptions receive its events as signed JSON POSTs.

`emit(organization, event, payload)` is the one way in. It keeps a delivery row per
subscription that wants the event, in the transaction where the thing happened (nothing is
sent for a write that rolls back), and hands each to a Celery task once it commits. The task
POSTs the payload with

    X-Blueprint-Event: <event>
    X-Blueprint-Delivery: <delivery id>
    X-Blueprint-Timestamp: <Unix seconds>
    X-Blueprint-Signature: sha256=<hex HMAC-SHA256(secret, f"{timestamp}.{body}")>

and retries with exponential backoff on network errors and 5xx answers, up to
MAX_ATTEMPTS in all; a 4xx answer is final. Every attempt is written on the delivery.

SSRF: the URL's host is resolved and every address checked (no loopback, link-local,
private, multicast, reserved or unspecified address; https only) when the subscription is
saved and again before each attempt, and the connection goes to the address that was
checked, so a DNS answer that changes between the check and the connection cannot reach
inside. Redirects are not followed. settings.WEBHOOKS_ALLOW_PRIVATE lifts both rules (tests,
a development machine).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import random
import secrets
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.db import close_old_connections, transaction
from django.utils import timezone

from accounts.broker import broker_errors
from accounts.events import EVENTS
from accounts.models import Organization

from .models import WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

EVENT_LABELS = {
    "version_published": "Proposal version published",
    "comment_added": "Client comment added",
    "feedback_given": "Client feedback given",
    "version_approved": "Proposal version approved",
    "pdf_ready": "PDF ready",
}
assert set(EVENT_LABELS) == set(EVENTS)
PING = "ping"
TIMEOUT = 5  # seconds, to connect and for each read
MAX_ATTEMPTS = 6
BACKOFF_MAX = 300
USER_AGENT = "SupportBlueprint-Webhooks/1"


class WebhookUrlError(Exception):
    """The URL may not receive webhooks; the message is for the person who typed it."""


def backoff(attempts: int) -> float:
    """Seconds before the next attempt after `attempts` failed ones: 2, 4, 8 … with jitter,
    below the broker's visibility timeout."""
    cap = min(BACKOFF_MAX, settings.TASK_RETRY_COUNTDOWN_MAX)
    return min(cap, 2**attempts) * random.uniform(0.75, 1.0)  # noqa: S311 (jitter)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


# --- The SSRF guard ------------------------------------------------------------------


def _refused_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    for flag, what in (
        ("is_loopback", "a loopback"),
        ("is_link_local", "a link-local"),
        ("is_private", "a private"),
        ("is_multicast", "a multicast"),
        ("is_reserved", "a reserved"),
        ("is_unspecified", "an unspecified"),
    ):
        if getattr(address, flag):
            return what
    if not address.is_global:  # shared address space (100.64/10) and the like
        return "a non-public"
    return ""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str  # the checked address the connection goes to


def url_check(url: str) -> Target:
    """Where a delivery to `url` may connect, or WebhookUrlError saying why not."""
    allow_private = bool(settings.WEBHOOKS_ALLOW_PRIVATE)
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise WebhookUrlError("That is not a valid URL.") from exc
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise WebhookUrlError("Give a full URL starting with https://.")
    if parts.scheme != "https" and not allow_private:
        raise WebhookUrlError("Webhooks are sent over https only: use an https:// URL.")
    if parts.username or parts.password:
        raise WebhookUrlError("Put no user name or password in the URL; the secret signs it.")
    host = parts.hostname
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise WebhookUrlError(f"The host {host} could not be found.") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise WebhookUrlError(f"The host {host} could not be found.")
    if not allow_private:
        for raw in addresses:
            reason = _refused_reason(ipaddress.ip_address(raw.split("%")[0]))
            if reason:
                # An address typed as such is named once; a name, with what it resolves to.
                where = f"{host} is" if raw == host.strip("[]") else f"{host} resolves to {raw},"
                raise WebhookUrlError(
                    f"{where} {reason} address: webhooks go to public addresses only."
                )
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    return Target(parts.scheme, host, port, path, addresses[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target) -> None:
        super().__init__(target.host, target.port, timeout=TIMEOUT)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target) -> None:
        super().__init__(
            target.host, target.port, timeout=TIMEOUT, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _post(target: Target, body: bytes, headers: dict[str, str]) -> int:
    """POST once; the status code. Redirects are answers like any other (not followed)."""
    connection: http.client.HTTPConnection = (
        _PinnedHTTPSConnection(target)
        if target.scheme == "https"
        else _PinnedHTTPConnection(target)
    )
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # what it says is not kept; reading lets it finish cleanly
        return response.status
    finally:
        connection.close()


# --- Subscriptions -------------------------------------------------------------------


@dataclass(frozen=True)
class NewSubscription:
    subscription: WebhookSubscription
    secret: str  # shown once


def subscription_create(
    *, organization: Organization, url: str, events: list[str], user: User | None
) -> NewSubscription:
    url = url.strip()
    url_check(url)
    chosen = [e for e in EVENTS if e in set(events)]
    if not chosen:
        raise WebhookUrlError("Choose at least one event to send.")
    secret = f"whsec_{secrets.token_urlsafe(32)}"
    subscription = WebhookSubscription.objects.create(
        organization=organization, url=url, secret=secret, events=chosen, created_by=user
    )
    return NewSubscription(subscription, secret)


def subscription_set_active(*, subscription: WebhookSubscription, active: bool) -> None:
    if subscription.active != active:
        subscription.active = active
        subscription.save(update_fields=["active"])


def subscription_delete(*, subscription: WebhookSubscription) -> None:
    subscription.delete()


def _deliveries_create(
    subscriptions: list[WebhookSubscription], event: str, payload: dict[str, Any]
) -> list[WebhookDelivery]:
    now = timezone.now()
    made = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(subscription=s, event=event, payload=payload, next_attempt_at=now)
        for s in subscriptions
    )
    ids = [d.pk for d in made]

    def enqueue_all() -> None:
        for i in ids:
            delivery_enqueue(i)

    transaction.on_commit(enqueue_all)
    return made


def emit(organization: Organization, event: str, payload: dict[str, Any]) -> list[WebhookDelivery]:
    """Deliver `event` to each active subscription of `organization` that chose it, once
    the current transaction commits. `payload` holds ids and public URLs only."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    wanted = [
        s
        for s in WebhookSubscription.objects.filter(organization=organization, active=True)
        if event in s.events
    ]
    if not wanted:
        return []
    body = {"event": event, "organization": {"id": organization.pk, "slug": organization.slug}}
    return _deliveries_create(wanted, event, {**body, "data": payload})


def ping(*, subscription: WebhookSubscription) -> WebhookDelivery:
    """A test delivery, sent whether or not the subscription is active."""
    organization = subscription.organization
    payload = {
        "event": PING,
        "organization": {"id": organization.pk, "slug": organization.slug},
        "data": {"subscription": subscription.pk, "events": subscription.events},
    }
    return _deliveries_create([subscription], PING, payload)[0]


def on_organization_event(
    *, organization: Organization, event: str, payload: dict[str, Any], **_: Any
) -> None:
    emit(organization, event, payload)


# --- Delivery -------------------------------------------------------------------------


def delivery_attempt(delivery_id: int) -> str:
    """One attempt at a pending delivery: "delivered", "failed" (for good: 4xx, refused
    address, subscription gone inactive, attempts used up), "retry" (network error or
    5xx, attempts left; next_attempt_at says when), or "done" (nothing to do)."""
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).select_related("subscription").first()
    if delivery is None or delivery.state != WebhookDelivery.State.PENDING:
        return "done"
    subscription = delivery.subscription
    now = timezone.now()
    attempt = delivery.attempts + 1
    status: int | None = None
    final = False
    if not subscription.active and delivery.event != PING:
        error, final = "The subscription was deactivated.", True
    else:
        body = json.dumps(
            {**delivery.payload, "delivery": delivery.pk, "attempt": attempt},
            sort_keys=True,
            separators=(",", ":"),
            default=str,
        ).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Blueprint-Event": delivery.event,
            "X-Blueprint-Delivery": str(delivery.pk),
            "X-Blueprint-Timestamp": timestamp,
            "X-Blueprint-Signature": sign(subscription.secret, timestamp, body),
        }
        try:
            target = url_check(subscription.url)  # again: DNS may have changed
            status = _post(target, body, headers)
        except WebhookUrlError as exc:
            error, final = f"Refused: {exc}", True
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
        else:
            if 200 <= status < 300:
                error = ""
            elif status >= 500:
                error = f"The receiver answered {status}."
            else:
                error, final = f"The receiver answered {status}; not retried.", True
    delivered = status is not None and 200 <= status < 300
    gave_up = not delivered and (final or attempt >= MAX_ATTEMPTS)
    entry = {"attempt": attempt, "at": now.isoformat(), "status": status, "error": error[:500]}
    update: dict[str, Any] = {
        "attempts": attempt,
        "status_code": status,
        "error": error[:500],
        "log": [*delivery.log, entry],
    }
    if delivered:
        outcome = "delivered"
        update.update(state=WebhookDelivery.State.DELIVERED, delivered_at=now, next_attempt_at=None)
    elif gave_up:
        outcome = "failed"
        update.update(state=WebhookDelivery.State.FAILED, next_attempt_at=None)
    else:
        outcome = "retry"
        update["next_attempt_at"] = now + timedelta(seconds=backoff(attempt))
    WebhookDelivery.objects.filter(pk=delivery.pk, state=WebhookDelivery.State.PENDING).update(
        **update
    )
    if outcome != "delivered":
        logger.info("Webhook delivery %s attempt %s: %s", delivery.pk, attempt, error)
    return outcome


def _deliver_with_backoff(delivery_id: int, *, sleep: bool = True) -> str:
    """The embedded mode's retries, with the task's backoff."""
    while True:
        outcome = delivery_attempt(delivery_id)
        if outcome != "retry":
            return outcome
        if sleep:
            due = (
                WebhookDelivery.objects.filter(pk=delivery_id)
                .values_list("next_attempt_at", flat=True)
                .first()
            )
            if due is not None:
                time.sleep(max(0.0, (due - timezone.now()).total_seconds()))


def _run_in_thread(delivery_id: int) -> None:
    try:
        _deliver_with_backoff(delivery_id)
    finally:
        close_old_connections()


def delivery_enqueue(delivery_id: int) -> None:
    """Hand the delivery to a worker; never raises. Without a broker (the embedded
    default) the same code runs in a background thread, or inline for tests."""
    from .tasks import webhook_deliver_task

    if settings.CELERY_TASK_ALWAYS_EAGER:
        if settings.WEBHOOK_EMBEDDED_RUN == "sync":
            _deliver_with_backoff(delivery_id, sleep=False)
        else:
            threading.Thread(
                target=_run_in_thread,
                args=(delivery_id,),
                name=f"webhook-{delivery_id}",
                daemon=True,
            ).start()
        return
    try:
        webhook_deliver_task.apply_async(args=(delivery_id,), retry_policy={"max_retries": 0})
    except broker_errors() as exc:
        logger.warning(
            "Webhook delivery %s could not be queued: %s: %s", delivery_id, type(exc).__name__, exc
        )
