"""Celery tasks of the deliverables app: take ids, call a service, own their retries."""

from __future__ import annotations

import logging
from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.conf import settings
from django.db import OperationalError as DatabaseOperationalError

from . import jobs

logger = logging.getLogger(__name__)

# Worth another try: the database was locked, the disk was briefly unavailable.
TRANSIENT = (DatabaseOperationalError, OSError)
MAX_RETRIES = 5

RENDER_OPTIONS: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": MAX_RETRIES,
    "soft_time_limit": 60,
    "time_limit": 90,
    "ignore_result": True,
}


def _render(task: Task, job_id: int) -> None:
    job = jobs.pdf_job_start(job_id)
    if job is None:
        return
    try:
        jobs.pdf_job_render(job)
    except SoftTimeLimitExceeded:
        jobs.pdf_job_fail(job_id, "The document took too long to render.")
    except TRANSIENT as exc:
        if task.request.retries >= MAX_RETRIES:
            jobs.pdf_job_fail(job_id, f"Storage or database unavailable: {exc}")
            return
        jobs.pdf_job_requeue(job_id, f"Retrying after a transient error: {exc}")
        countdown = min(settings.TASK_RETRY_COUNTDOWN_MAX, 2**task.request.retries)
        raise task.retry(exc=exc, countdown=countdown) from exc
    except Exception as exc:
        logger.exception("PDF job %s failed", job_id)
        jobs.pdf_job_fail(job_id, f"The PDF could not be laid out: {type(exc).__name__}: {exc}")


@shared_task(**RENDER_OPTIONS)
def pdf_render_task(self: Task, job_id: int) -> None:
    """Render one PDF job. Idempotent: acknowledged late and redelivered if the worker
    dies, and a job already ready is left alone, so a redelivery never makes a second
    file. Transient errors retry with exponential backoff; anything raised by
    the layout itself fails the job with its reason, since retrying would fail again."""
    _render(self, job_id)


# The task's name before it moved here from `frameworks`. Messages already in the broker
# when a worker of this code starts (queued before the deploy, or retries counting down)
# carry that name; a worker that did not know it would drop them as unregistered and
# leave their jobs queued. Remove once no worker or web process runs the older code and
# no such message can be left (the longest retry countdown is 10 minutes).
@shared_task(name="frameworks.tasks.pdf_render_task", **RENDER_OPTIONS)
def pdf_render_task_before_move(self: Task, job_id: int) -> None:
    _render(self, job_id)


@worker_ready.connect
def pdf_resend_on_worker_start(**kwargs: object) -> None:
    """A worker that starts (after an outage, a deploy) sends the PDF jobs that could not be
    queued while the broker was away."""
    try:
        sent = jobs.pdf_resend_unqueued()
    except Exception:  # the worker must start whatever the database says
        logger.exception("Could not resend the PDF jobs that were not queued")
        return
    if sent:
        logger.info("Sent %s PDF job(s) that could not be queued earlier", sent)
