"""Celery tasks of the api app: take ids, call a service, own their retries."""

from __future__ import annotations

from celery import Task, shared_task
from django.utils import timezone

from . import webhooks
from .models import WebhookDelivery


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=webhooks.MAX_ATTEMPTS - 1,
    ignore_result=True,
    soft_time_limit=30,
    time_limit=45,
)
def webhook_deliver_task(self: Task, delivery_id: int) -> None:
    """One attempt at one webhook delivery. Idempotent: a delivered or failed delivery is
    left alone, so a redelivered message posts nothing twice. A network error or a 5xx
    answer retries at the delivery's next_attempt_at (exponential backoff with jitter), up
    to MAX_ATTEMPTS attempts in all; a 4xx answer is final."""
    if webhooks.delivery_attempt(delivery_id) != "retry":
        return
    due = WebhookDelivery.objects.filter(pk=delivery_id).values_list("next_attempt_at", flat=True)
    when = due.first()
    countdown = max(1.0, (when - timezone.now()).total_seconds()) if when else 1.0
    raise self.retry(countdown=countdown)
