"""Email that never turns a saved action into an error page: the action queues the
message (a row, in its own transaction), and a Celery task sends it after the commit,
retrying with backoff while the SMTP server is away (deliverables.jobs is the pattern).

In the embedded default (no REDIS_URL) there is no worker: the same sending code runs in a
background thread of the web process, with the same backoff (EMAIL_EMBEDDED_RUN=thread),
or inline for tests (sync). Whatever is still pending when the retries give up is sent by
the next sweep: every worker sweeps on start and every minute (config.celery), and
`manage.py email_resend` does it from cron or by hand.
"""

from __future__ import annotations

import logging
import random
import smtplib
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import close_old_connections, transaction
from django.utils import timezone

from .broker import broker_errors
from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# Worth another try: the server is down, refuses connections for now, or timed out.
TRANSIENT = (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)
# Retries: 1, 2, 4 … seconds with jitter, at most BACKOFF_MAX apart, MAX_RETRIES times
# (about 25 minutes in all); then the sweep takes over.
MAX_RETRIES = 10
BACKOFF_MAX = 300
# A pending email is swept when nothing tried it for this long (a task still counting down
# its retry is left alone), and no longer after KEEP_TRYING.
SWEEP_AFTER = timedelta(minutes=5)
KEEP_TRYING = timedelta(days=3)
FORGET_SENT_AFTER = timedelta(days=30)


def backoff(retries: int) -> float:
    # Below the broker's visibility timeout: a longer countdown would be redelivered early.
    cap = min(BACKOFF_MAX, settings.TASK_RETRY_COUNTDOWN_MAX)
    return min(cap, 2**retries) * random.uniform(0.75, 1.0)  # noqa: S311 (jitter)


def email_queue(*, subject: str, text: str, html: str, to: list[str]) -> OutgoingEmail:
    """Keep the message and send it once the current transaction commits (nothing is sent
    for a write that rolls back)."""
    email = OutgoingEmail.objects.create(
        subject=subject[:300], to=list(to), text=text, html=html, created_at=timezone.now()
    )
    email_id = email.pk
    transaction.on_commit(lambda: email_enqueue(email_id))
    return email


def email_enqueue(email_id: int) -> None:
    """Hand the email to a worker; never raises. A broker that is down leaves it pending for
    the sweep."""
    from .tasks import email_send_task

    if settings.CELERY_TASK_ALWAYS_EAGER:
        if settings.EMAIL_EMBEDDED_RUN == "sync":
            _deliver_with_backoff(email_id, sleep=False)
        else:
            threading.Thread(
                target=_run_in_thread, args=(email_id,), name=f"email-{email_id}", daemon=True
            ).start()
        return
    try:
        email_send_task.apply_async(args=(email_id,), retry_policy={"max_retries": 0})
    except broker_errors() as exc:
        logger.warning("Email %s could not be queued: %s: %s", email_id, type(exc).__name__, exc)


class _Refused(Exception):
    def __init__(self, error: smtplib.SMTPException) -> None:
        super().__init__(str(error))
        self.error = error


def _permanent(exc: smtplib.SMTPException) -> bool:
    """A 5xx answer about this message (550 no such mailbox, 554 rejected): final. 4xx
    answers, dropped connections and timeouts are for later."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPSenderRefused | smtplib.SMTPDataError):
        return exc.smtp_code >= 500
    return False


def email_deliver(email_id: int) -> bool:
    """Send one pending email. True when it is sent (now or before); False when the server
    refused it for good (it is marked failed). Raises a TRANSIENT error to be retried."""
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.state == OutgoingEmail.State.SENT:
        return True
    if email.state == OutgoingEmail.State.FAILED:
        return False
    message = EmailMultiAlternatives(
        email.subject, email.text, settings.DEFAULT_FROM_EMAIL, email.to
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    now = timezone.now()
    try:
        try:
            message.send()
        except smtplib.SMTPException as exc:
            if _permanent(exc):
                raise _Refused(exc) from exc
            raise
    except TRANSIENT as exc:
        OutgoingEmail.objects.filter(pk=email_id, state=OutgoingEmail.State.PENDING).update(
            attempts=email.attempts + 1,
            last_attempt_at=now,
            last_error=f"{type(exc).__name__}: {exc}"[:500],
        )
        raise
    except _Refused as refused:
        # Refused for good (no valid recipient, message rejected): retrying cannot help.
        error = refused.error
        OutgoingEmail.objects.filter(pk=email_id).update(
            state=OutgoingEmail.State.FAILED,
            attempts=email.attempts + 1,
            last_attempt_at=now,
            last_error=f"{type(error).__name__}: {error}"[:500],
        )
        logger.error("Email %s refused by the server: %s", email_id, error)
        return False
    # Sent: keep who and when, not what (links in it are credentials).
    OutgoingEmail.objects.filter(pk=email_id).update(
        state=OutgoingEmail.State.SENT,
        attempts=email.attempts + 1,
        last_attempt_at=now,
        sent_at=now,
        last_error="",
        text="",
        html="",
    )
    return True


def _deliver_with_backoff(email_id: int, *, sleep: bool = True) -> None:
    """The embedded mode's retries, with the task's backoff."""
    for retries in range(MAX_RETRIES + 1):
        try:
            email_deliver(email_id)
            return
        except TRANSIENT as exc:
            logger.warning("Email %s not sent yet (%s); retrying", email_id, exc)
            if not sleep or retries == MAX_RETRIES:
                return
            time.sleep(backoff(retries))


def _run_in_thread(email_id: int) -> None:
    try:
        _deliver_with_backoff(email_id)
    finally:
        close_old_connections()


def email_resend_due(*, limit: int = 200) -> int:
    """The sweep: send again every pending email nobody tried for SWEEP_AFTER (its retries
    ran out, its message was lost with the broker, the broker refused it), oldest first;
    forget the bodies-less records of sent emails after FORGET_SENT_AFTER. Returns how
    many were handed on."""
    now = timezone.now()
    OutgoingEmail.objects.filter(
        state=OutgoingEmail.State.SENT, sent_at__lt=now - FORGET_SENT_AFTER
    ).delete()
    due = list(
        OutgoingEmail.objects.filter(
            state=OutgoingEmail.State.PENDING,
            created_at__gte=now - KEEP_TRYING,
            created_at__lt=now - timedelta(seconds=5),
        )
        .exclude(last_attempt_at__gte=now - SWEEP_AFTER)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for email_id in due:
        # Claimed by its attempt time, so two sweeping workers do not both send it.
        claimed = (
            OutgoingEmail.objects.filter(pk=email_id, state=OutgoingEmail.State.PENDING)
            .exclude(last_attempt_at__gte=now - SWEEP_AFTER)
            .update(last_attempt_at=now)
        )
        if claimed:
            email_enqueue(email_id)
    return len(due)
