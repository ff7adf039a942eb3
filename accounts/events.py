"""Things that happen to an organization's projects, announced to whoever listens (the
API's webhooks), without the apps where they happen importing the floors above them.

`event_raise` is called where the thing happens, inside its transaction; a listener that
sends something out does so once that transaction commits."""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

from .models import Organization

# Sent with organization=, event= (one of EVENTS) and payload= (JSON-ready: ids and URLs,
# never a reviewer's link token or any other secret).
organization_event = Signal()

EVENTS = ("version_published", "comment_added", "feedback_given", "version_approved", "pdf_ready")


def event_raise(organization: Organization, event: str, payload: dict[str, Any]) -> None:
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    organization_event.send(
        sender=Organization, organization=organization, event=event, payload=payload
    )
