"""Celery tasks of the frameworks app: take ids, call a service, own their retries."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_ready
from django.db import OperationalError as DatabaseOperationalError

from .pdf import jobs

logger = logging.getLogger(__name__)

# Worth another try: the database was locked, the disk was briefly unavailable.
TRANSIENT = (DatabaseOperationalError, OSError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def pdf_render_task(self, job_id: int) -> None:
    """Render one PDF job. Idempotent: acknowledged late and redelivered if the worker
    dies, and a job already ready is left alone, so a redelivery never makes a second
    file. Transient errors retry with exponential backoff and jitter; anything raised by
    the layout itself fails the job with its reason, since retrying would fail again."""
    job = jobs.pdf_job_start(job_id)
    if job is None:
        return
    try:
        jobs.pdf_job_render(job)
    except SoftTimeLimitExceeded:
        jobs.pdf_job_fail(job_id, "The document took too long to render.")
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            jobs.pdf_job_fail(job_id, f"Storage or database unavailable: {exc}")
            return
        jobs.pdf_job_requeue(job_id, f"Retrying after a transient error: {exc}")
        countdown = min(600, 2**self.request.retries)
        raise self.retry(exc=exc, countdown=countdown) from exc
    except Exception as exc:
        logger.exception("PDF job %s failed", job_id)
        jobs.pdf_job_fail(job_id, f"The PDF could not be laid out: {type(exc).__name__}: {exc}")


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
