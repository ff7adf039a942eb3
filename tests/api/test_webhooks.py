"""Webhooks (api.webhooks) against a real HTTP receiver on 127.0.0.1: signed, each event
delivered once from where it happens, retried on 5xx and network errors, not on 4xx, never
sent to a private address unless the installation allows it, and managed by the
organization's owners only."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.models import Membership
from api import webhooks
from api.models import WebhookDelivery, WebhookSubscription
from api.tasks import webhook_deliver_task
from discovery import scenarios
from discovery.services import answers_load
from reviews import services as review_services
from tests.factories import MembershipFactory
from tests.reviews.conftest import invite, publish


class Receiver:
    """An HTTP server on loopback that records each request and answers with the next of
    `statuses` (then 200)."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", f"{receiver.url}/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def events(self) -> list[str]:
        return [r["headers"]["X-Blueprint-Event"] for r in self.requests]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    made.thread.start()
    yield made
    made.server.shutdown()
    made.server.server_close()


@pytest.fixture(autouse=True)
def _webhook_settings(settings, tmp_path):
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    settings.WEBHOOK_EMBEDDED_RUN = "sync"
    settings.PDF_EMBEDDED_RUN = "sync"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://blueprint.example"


@pytest.fixture
def owner(organization):
    return MembershipFactory(
        organization=organization, user__username="olivia", role=Membership.Role.OWNER
    ).user


def _subscribe(organization, url: str, events: list[str] | None = None) -> Any:
    return webhooks.subscription_create(
        organization=organization,
        url=url,
        events=events if events is not None else list(webhooks.EVENT_LABELS),
        user=None,
    )


def test_a_delivery_is_signed_with_the_subscription_secret(organization, receiver):
    made = _subscribe(organization, f"{receiver.url}/in")
    delivery = webhooks.ping(subscription=made.subscription)
    assert webhooks.delivery_attempt(delivery.pk) == "delivered"

    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    assert request["path"] == "/in"
    assert headers["X-Blueprint-Event"] == "ping"
    assert headers["X-Blueprint-Delivery"] == str(delivery.pk)
    timestamp = headers["X-Blueprint-Timestamp"]
    expected = hmac.new(
        made.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Blueprint-Signature"] == f"sha256={expected}"
    # Another secret would not match: the receiver can tell a forgery.
    forged = hmac.new(b"whsec_other", f"{timestamp}.".encode() + body, hashlib.sha256)
    assert headers["X-Blueprint-Signature"] != f"sha256={forged.hexdigest()}"
    assert json.loads(body)["organization"]["id"] == organization.pk

    delivery.refresh_from_db()
    assert delivery.state == WebhookDelivery.State.DELIVERED
    assert (delivery.status_code, delivery.attempts) == (200, 1)
    assert delivery.delivered_at is not None
    assert [entry["status"] for entry in delivery.log] == [200]


def test_each_event_is_delivered_once_from_where_it_happens(
    project, consultant, organization, receiver, django_capture_on_commit_callbacks
):
    from deliverables import jobs

    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    made = _subscribe(organization, f"{receiver.url}/in")
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(project, consultant, "First version.")
    link = invite(project, consultant)
    with django_capture_on_commit_callbacks(execute=True):
        review_services.comment_add(
            version=version, section="summary", body="Can we add chat?", reviewer=link.reviewer
        )
    with django_capture_on_commit_callbacks(execute=True):
        review_services.feedback_submit(
            version=version,
            reviewer=link.reviewer,
            alignment="yes",
            alignment_comment="",
            challenge="",
        )
    with django_capture_on_commit_callbacks(execute=True):
        review_services.version_approve(
            version=version, reviewer=link.reviewer, typed_name="Rita Reviewer"
        )
    with django_capture_on_commit_callbacks(execute=True):
        # Approving again records nothing new, and so tells nobody again.
        review_services.version_approve(
            version=version, reviewer=link.reviewer, typed_name="Rita Reviewer"
        )
    with django_capture_on_commit_callbacks(execute=True):
        jobs.pdf_request(version, consultant)

    assert receiver.events() == [
        "version_published",
        "comment_added",
        "feedback_given",
        "version_approved",
        "pdf_ready",
    ]
    bodies = [json.loads(r["body"]) for r in receiver.requests]
    for body in bodies:
        assert body["data"]["version"]["number"] == version.number
        assert body["data"]["project"]["id"] == project.pk
    assert bodies[0]["data"]["version"]["url"] == (
        f"https://blueprint.example/projects/{project.pk}/proposal/v1/"
    )
    assert bodies[4]["data"]["pdf"]["url"].endswith(
        f"/projects/{project.pk}/proposal/v1/pdf/download/"
    )
    # Ids and URLs only: no reviewer's link token, no secret.
    everything = b"".join(r["body"] for r in receiver.requests).decode()
    assert link.token not in everything
    assert made.secret not in everything
    assert "/r/" not in everything
    assert WebhookDelivery.objects.filter(state="delivered").count() == 5


def test_an_event_the_subscription_did_not_choose_is_not_sent(
    project, consultant, organization, receiver, django_capture_on_commit_callbacks
):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    _subscribe(organization, f"{receiver.url}/in", events=["version_approved"])
    inactive = _subscribe(organization, f"{receiver.url}/off").subscription
    webhooks.subscription_set_active(subscription=inactive, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish(project, consultant, "First version.")
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_nothing_is_sent_for_a_write_that_rolls_back(
    organization, receiver, django_capture_on_commit_callbacks
):
    _subscribe(organization, f"{receiver.url}/in")

    def failing_write() -> None:
        with transaction.atomic():
            webhooks.emit(organization, "version_published", {"project": {"id": 1}})
            raise RuntimeError("the publish failed after the event")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        failing_write()
    assert callbacks == []
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_5xx_is_retried_with_backoff_until_it_succeeds(organization, receiver):
    receiver.statuses = [500, 503]
    delivery = webhooks.ping(
        subscription=_subscribe(organization, f"{receiver.url}/in").subscription
    )
    assert webhooks.delivery_attempt(delivery.pk) == "retry"
    delivery.refresh_from_db()
    assert delivery.state == "pending"
    assert delivery.status_code == 500
    assert delivery.next_attempt_at is not None
    assert delivery.next_attempt_at > delivery.created_at
    assert webhooks.delivery_attempt(delivery.pk) == "retry"
    assert webhooks.delivery_attempt(delivery.pk) == "delivered"
    assert webhooks.delivery_attempt(delivery.pk) == "done"  # a redelivered task sends nothing
    delivery.refresh_from_db()
    assert [e["status"] for e in delivery.log] == [500, 503, 200]
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == ("delivered", 3, None)
    assert len(receiver.requests) == 3
    # The same delivery each time, so the receiver can drop a duplicate.
    assert {r["headers"]["X-Blueprint-Delivery"] for r in receiver.requests} == {str(delivery.pk)}


def test_the_embedded_mode_retries_a_500_then_delivers(
    organization, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500]
    with django_capture_on_commit_callbacks(execute=True):
        delivery = webhooks.ping(
            subscription=_subscribe(organization, f"{receiver.url}/in").subscription
        )
    delivery.refresh_from_db()
    assert [e["status"] for e in delivery.log] == [500, 200]
    assert delivery.state == "delivered"


def test_the_task_schedules_its_retry_at_the_delivery_backoff(organization, receiver, monkeypatch):
    receiver.statuses = [502]
    delivery = webhooks.ping(
        subscription=_subscribe(organization, f"{receiver.url}/in").subscription
    )
    asked: list[float] = []

    def retry(*, countdown: float) -> Exception:
        asked.append(countdown)
        return RuntimeError("retry scheduled")

    monkeypatch.setattr(webhook_deliver_task, "retry", retry)
    with pytest.raises(RuntimeError, match="retry scheduled"):
        webhook_deliver_task.run(delivery.pk)
    assert len(asked) == 1
    assert 1 <= asked[0] <= 2
    webhook_deliver_task.run(delivery.pk)  # the retry: delivered, nothing more scheduled
    assert len(asked) == 1
    delivery.refresh_from_db()
    assert delivery.state == "delivered"


def test_gives_up_after_six_attempts(organization, receiver):
    receiver.statuses = [500] * 10
    delivery = webhooks.ping(
        subscription=_subscribe(organization, f"{receiver.url}/in").subscription
    )
    outcomes = [webhooks.delivery_attempt(delivery.pk) for _ in range(7)]
    assert outcomes == ["retry"] * 5 + ["failed", "done"]
    assert len(receiver.requests) == webhooks.MAX_ATTEMPTS == 6


def test_a_4xx_is_not_retried(organization, receiver):
    receiver.statuses = [400]
    delivery = webhooks.ping(
        subscription=_subscribe(organization, f"{receiver.url}/in").subscription
    )
    assert webhooks.delivery_attempt(delivery.pk) == "failed"
    assert webhooks.delivery_attempt(delivery.pk) == "done"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.status_code, delivery.attempts) == ("failed", 400, 1)
    assert "not retried" in delivery.error
    assert len(receiver.requests) == 1


def test_a_redirect_is_not_followed(organization, receiver):
    receiver.statuses = [302]
    delivery = webhooks.ping(
        subscription=_subscribe(organization, f"{receiver.url}/in").subscription
    )
    assert webhooks.delivery_attempt(delivery.pk) == "failed"
    assert [r["path"] for r in receiver.requests] == ["/in"]


def test_a_network_error_is_retried(organization):
    # A port nobody listens on: bind one, then close it.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    delivery = webhooks.ping(
        subscription=_subscribe(organization, f"http://127.0.0.1:{port}/in").subscription
    )
    assert webhooks.delivery_attempt(delivery.pk) == "retry"
    delivery.refresh_from_db()
    assert delivery.status_code is None
    assert "ConnectionRefusedError" in delivery.error


@pytest.mark.parametrize(
    "url",
    [
        "https://10.0.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://localhost/hook",
        "https://127.0.0.1:8443/hook",
        "https://[::1]/hook",
        "https://192.168.1.10/hook",
        "https://224.0.0.1/hook",
        "https://0.0.0.0/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://100.64.0.1/hook",
    ],
)
def test_private_addresses_are_refused_when_the_setting_is_off(settings, organization, url):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(webhooks.WebhookUrlError, match="public addresses only"):
        _subscribe(organization, url)
    assert not WebhookSubscription.objects.exists()


def test_http_is_refused_when_the_setting_is_off(settings, organization):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(webhooks.WebhookUrlError, match="https only"):
        _subscribe(organization, "http://1.1.1.1/hook")
    # A public literal address over https passes the check (no connection is made).
    assert webhooks.url_check("https://1.1.1.1/hook").address == "1.1.1.1"


def test_the_address_is_checked_again_at_delivery(settings, organization, receiver):
    """A subscription saved while its name resolved to a public address, whose DNS now
    answers a private one (or saved when private addresses were allowed), is not sent."""
    delivery = webhooks.ping(
        subscription=_subscribe(organization, f"{receiver.url}/in").subscription
    )
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    assert webhooks.delivery_attempt(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.error.startswith("Refused:")
    assert receiver.requests == []


# --- The settings page ---------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_owner_adds_a_webhook_and_sees_its_secret_once(owner, organization, receiver):
    client = _client(owner)
    response = client.post(
        reverse("api:webhooks"),
        {"url": f"{receiver.url}/in", "events": ["version_published", "pdf_ready"]},
    )
    assert response.status_code == 302
    subscription = WebhookSubscription.objects.get()
    assert subscription.organization == organization
    assert subscription.events == ["version_published", "pdf_ready"]
    assert subscription.created_by == owner
    page = client.get(reverse("api:webhooks")).content.decode()
    assert subscription.secret in page
    again = client.get(reverse("api:webhooks")).content.decode()
    assert subscription.secret not in again
    assert f"{receiver.url}/in" in again
    assert 'aria-current="page">Webhooks' in again


def test_the_page_refuses_a_private_url_next_to_the_field(settings, owner):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    response = _client(owner).post(
        reverse("api:webhooks"), {"url": "https://169.254.169.254/", "events": ["pdf_ready"]}
    )
    assert response.status_code == 400
    assert "public addresses only" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_ping_deactivate_and_delete_from_the_page(
    owner, organization, receiver, django_capture_on_commit_callbacks
):
    subscription = _subscribe(organization, f"{receiver.url}/in").subscription
    client = _client(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("api:webhook_ping", args=[subscription.pk]))
    assert response.status_code == 302
    assert receiver.events() == ["ping"]
    page = client.get(reverse("api:webhooks")).content.decode()
    assert "Delivered (200)" in page

    client.post(reverse("api:webhook_active", args=[subscription.pk]), {"active": "0"})
    subscription.refresh_from_db()
    assert subscription.active is False
    client.post(reverse("api:webhook_delete", args=[subscription.pk]))
    assert not WebhookSubscription.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_the_recent_deliveries_cost_the_same_queries_however_many(
    owner, organization, django_assert_max_num_queries
):
    for n in range(4):
        subscription = WebhookSubscription.objects.create(
            organization=organization,
            url=f"https://h{n}.example.invalid/",
            secret="s",
            events=["pdf_ready"],
        )
        for _ in range(8):
            WebhookDelivery.objects.create(subscription=subscription, event="pdf_ready")
    client = _client(owner)
    client.get(reverse("api:webhooks"))  # warm the session
    with django_assert_max_num_queries(12):
        page = client.get(reverse("api:webhooks")).content.decode()
    assert page.count('id="delivery-') == 4 * 5


def test_another_organizations_webhooks_are_invisible(organization, receiver, db):
    theirs = _subscribe(organization, f"{receiver.url}/theirs").subscription
    other_owner = MembershipFactory(user__username="otto", role=Membership.Role.OWNER).user
    client = _client(other_owner)
    assert f"{receiver.url}/theirs" not in client.get(reverse("api:webhooks")).content.decode()
    for name in ("api:webhook_ping", "api:webhook_active", "api:webhook_delete"):
        assert client.post(reverse(name, args=[theirs.pk]), {"active": "0"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.active
    assert receiver.requests == []


def test_a_consultant_who_is_not_an_owner_is_refused(consultant, organization, receiver):
    theirs = _subscribe(organization, f"{receiver.url}/in").subscription
    client = _client(consultant)
    assert client.get(reverse("api:webhooks")).status_code == 403
    assert (
        client.post(reverse("api:webhooks"), {"url": f"{receiver.url}/x", "events": ["pdf_ready"]})
    ).status_code == 403
    assert client.post(reverse("api:webhook_delete", args=[theirs.pk])).status_code == 403
    assert WebhookSubscription.objects.count() == 1


def test_the_refusal_names_a_typed_address_once_and_a_name_with_its_address(settings, organization):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(webhooks.WebhookUrlError) as typed:
        _subscribe(organization, "https://10.0.0.1/hook")
    assert str(typed.value).startswith("10.0.0.1 is a private address")
    with pytest.raises(webhooks.WebhookUrlError) as named:
        _subscribe(organization, "https://localhost/hook")
    assert "localhost resolves to " in str(named.value)
