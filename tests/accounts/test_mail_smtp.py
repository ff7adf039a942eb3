"""Email against a real SMTP server on loopback (aiosmtpd), stopped and started (issue
14, item 5): an SMTP server that is down never turns a client's comment or approval into
an error page, and the mail goes out when the server is back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from accounts.mail import email_resend_due
from accounts.models import OutgoingEmail
from reviews.models import Approval, Comment
from tests.reviews.conftest import answered_project, link, publish, v1  # noqa: F401
from tests.servers import free_port


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"


class SmtpServer:
    """aiosmtpd on a fixed loopback port that can be stopped and started again."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, count: int, timeout: float = 60) -> list[Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.inbox.messages) < count:
            time.sleep(0.1)
        return self.inbox.messages


@pytest.fixture
def smtp(settings) -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 2},
        }
    }
    try:
        yield server
    finally:
        server.stop()


def _subjects(messages: list[Message]) -> list[str]:
    return [str(m["Subject"]) for m in messages]


@pytest.mark.django_db(transaction=True)
def test_smtp_down_then_back_in_the_embedded_default(v1, link, smtp, settings):  # noqa: F811
    """The embedded default: the mail is sent from a background thread after the commit,
    retrying with backoff, so the client's request answers at once either way."""
    settings.EMAIL_EMBEDDED_RUN = "thread"
    client = Client()
    response = client.post(
        link.url("reviews:client_comment", number=1), {"section": "summary", "body": "Why email?"}
    )
    assert response.status_code == 302  # not an error page
    assert Comment.objects.filter(body="Why email?").exists()
    # The notification waits for the server; its first attempt failed.
    email = OutgoingEmail.objects.get(subject__contains="commented")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not email.attempts:
        time.sleep(0.1)
        email.refresh_from_db()
    assert email.state == OutgoingEmail.State.PENDING
    assert email.last_error

    smtp.start()
    messages = smtp.wait_for(1)
    assert len(messages) == 1, "the mail did not go out when the server came back"
    assert "commented" in _subjects(messages)[0]
    # The server has the message a moment before the sending thread records it as sent.
    deadline = time.monotonic() + 10
    email.refresh_from_db()
    while time.monotonic() < deadline and email.state != OutgoingEmail.State.SENT:
        time.sleep(0.1)
        email.refresh_from_db()
    assert email.state == OutgoingEmail.State.SENT
    assert (email.text, email.html) == ("", "")  # its body does not stay in the database

    # Stopped again: an approval is saved, its mail waits, and goes when the server is back.
    smtp.stop()
    response = client.post(link.url("reviews:client_approve", number=1), {"typed_name": "Rita"})
    assert response.status_code == 302
    assert Approval.objects.filter(version=v1).exists()
    time.sleep(1.5)
    smtp.start()
    messages = smtp.wait_for(2)
    assert len(messages) == 2
    assert "approved" in _subjects(messages)[1]


@pytest.mark.django_db(transaction=True)
def test_what_the_retries_gave_up_on_goes_out_with_the_next_sweep(v1, link, smtp):  # noqa: F811
    """EMAIL_EMBEDDED_RUN=sync tries once: the email stays pending; a worker's sweep (or
    manage.py email_resend) sends it once the server is back."""
    Client().post(
        link.url("reviews:client_comment", number=1), {"section": "summary", "body": "Hello"}
    )
    email = OutgoingEmail.objects.get(subject__contains="commented")
    assert email.state == OutgoingEmail.State.PENDING
    assert email.attempts >= 1
    smtp.start()
    # Not yet due: the last attempt was just now.
    assert email_resend_due() == 0
    # Five minutes later.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        last_attempt_at=email.last_attempt_at - timedelta(minutes=6),
        created_at=email.created_at - timedelta(minutes=6),
    )
    assert email_resend_due() == 1
    assert len(smtp.wait_for(1)) == 1
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.SENT
    # Sent is sent: another sweep sends nothing twice.
    assert email_resend_due() == 0
    assert len(smtp.inbox.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_a_refused_recipient_is_not_retried(smtp):
    from accounts.mail import email_deliver, email_queue

    class Refusing(Inbox):
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
            return "550 no such mailbox"

    smtp.inbox = Refusing()
    smtp.start()
    email = email_queue(subject="Hi", text="x", html="", to=["nobody@example.com"])
    assert email_deliver(email.pk) is False
    email.refresh_from_db()
    assert email.state == OutgoingEmail.State.FAILED
    assert "550" in email.last_error
