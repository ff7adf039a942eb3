from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accounts.mail import email_resend_due


class Command(BaseCommand):
    help = (
        "Send again the emails still waiting for the SMTP server (what every worker's sweep does)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = email_resend_due()
        self.stdout.write(f"{sent} email(s) handed on.")
