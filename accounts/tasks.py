"""Celery tasks of the accounts app: take ids, call a service, own their retries."""

from __future__ import annotations

from celery import Task, shared_task

from . import mail


@shared_task(bind=True, acks_late=True, max_retries=mail.MAX_RETRIES, ignore_result=True)
def email_send_task(self: Task, email_id: int) -> None:
    """Send one queued email. Idempotent: a sent email is not sent again, so a redelivered
    message sends nothing twice. While the SMTP server is away it retries with exponential
    backoff and jitter; after the last retry the email stays pending for the sweep."""
    try:
        mail.email_deliver(email_id)
    except mail.TRANSIENT as exc:
        if self.request.retries >= mail.MAX_RETRIES:
            return
        raise self.retry(exc=exc, countdown=mail.backoff(self.request.retries)) from exc
