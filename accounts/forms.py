from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string

from .mail import email_queue


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "That username and password do not match. Check both and try again; after "
            "several failed attempts sign-in pauses for a while."
        ),
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the email queued and sent by a Celery task after the
    request (accounts.mail): an SMTP server that is down never shows the person an error,
    and the link goes out when it is back."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        text = render_to_string(email_template_name, context)
        html = (
            render_to_string(html_email_template_name, context) if html_email_template_name else ""
        )
        email_queue(subject=subject, text=text, html=html, to=[to_email])
