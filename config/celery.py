from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger(__name__)

app = Celery("support_blueprint")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# How often every worker sweeps for work that fell through the cracks.
SWEEP_SECONDS = 60


def sweep() -> None:
    """Send again what should be moving and is not: emails still pending (SMTP was down,
    their retries ran out, their message was lost with the broker), PDF jobs the broker
    refused, and PDF jobs stuck queued or rendering (deliverables.jobs). Each sweep claims what
    it sends in the database, so two workers sweeping at once send nothing twice; a
    failure is logged and the worker goes on."""
    from accounts.mail import email_resend_due
    from deliverables.jobs import pdf_resend_stuck, pdf_resend_unqueued

    for name, step in (
        ("emails", email_resend_due),
        ("PDF jobs the broker refused", pdf_resend_unqueued),
        ("PDF jobs stuck queued or rendering", pdf_resend_stuck),
    ):
        try:
            sent = step()
        except Exception:
            logger.exception("The sweep for %s failed", name)
            continue
        if sent:
            logger.info("Sweep: sent %s %s again", sent, name)


class Sweeper(bootsteps.StartStopStep):
    """Runs `sweep` when the worker starts and every SWEEP_SECONDS after, on the worker's
    own timer (no beat process to deploy)."""

    requires = ("celery.worker.components:Timer",)

    def __init__(self, worker: Any, **kwargs: Any) -> None:
        super().__init__(worker, **kwargs)
        self.entry: Any = None

    def start(self, worker: Any) -> None:
        worker.timer.call_after(5, sweep)
        self.entry = worker.timer.call_repeatedly(SWEEP_SECONDS, sweep)

    def stop(self, worker: Any) -> None:
        if self.entry is not None:
            self.entry.cancel()


app.steps["worker"].add(Sweeper)
