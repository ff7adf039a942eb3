"""Celery tasks of the evidence app: take ids, call a service, own their retries."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError as DatabaseOperationalError

from . import services

logger = logging.getLogger(__name__)

TRANSIENT = (DatabaseOperationalError, OSError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    soft_time_limit=1800,
    time_limit=1900,
    ignore_result=True,
)
def ticket_import_task(self, import_id: int) -> None:
    """Read one import. Idempotent: a redelivered task re-reads the file from the start
    (nothing is stored until the end), and one already ready or refused is left alone."""
    job = services.import_start(import_id)
    if job is None:
        return
    try:
        services.import_read(job)
    except SoftTimeLimitExceeded:
        services.import_fail(import_id, "The file took too long to read: export a shorter period.")
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            services.import_fail(import_id, f"Storage or database unavailable: {exc}")
            return
        services.import_requeue(import_id, f"Retrying after a transient error: {exc}")
        raise self.retry(exc=exc, countdown=min(600, 2**self.request.retries)) from exc
    except Exception as exc:
        logger.exception("Import %s failed", import_id)
        services.import_fail(import_id, f"The file could not be read: {type(exc).__name__}")
