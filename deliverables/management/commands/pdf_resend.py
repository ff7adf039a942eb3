"""Send the PDF jobs that could not be queued while the broker was down.

The page showing such a job re-sends it on its own, and so does a worker when it starts;
this is for everything else, from cron or by hand after an outage."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from deliverables import jobs
from deliverables.models import PdfJob


class Command(BaseCommand):
    help = "Send again the PDF jobs of the last day that could not be queued."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = jobs.pdf_resend_unqueued()
        left = PdfJob.objects.filter(state=PdfJob.State.ENQUEUE_FAILED).count()
        self.stdout.write(f"{sent} PDF job(s) sent; {left} still waiting for the broker.")
        if left and not sent:
            self.stderr.write("The broker still refuses: try again once it is back.")
