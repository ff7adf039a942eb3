"""A project's imported ticket histories: aggregates only.

The uploaded file is kept only until it has been read (it holds requesters, subjects and
bodies) and is deleted whether the import succeeds or fails. What stays is `summary`: per
channel, counts per month and per half hour of the week, percentiles, rates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from accounts.models import Organization
from discovery.models import Project


def _upload_path(instance: TicketImport, filename: str) -> str:
    return f"imports/{instance.project_id}/{instance.token}.upload"


class TicketImport(models.Model):
    class State(models.TextChoices):
        MAPPING = "mapping", "Waiting for its columns"
        QUEUED = "queued", "Queued"
        READING = "reading", "Reading"
        READY = "ready", "Ready"
        FAILED = "failed", "Refused"
        ENQUEUE_FAILED = "enqueue_failed", "Could not be queued"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="ticket_imports")
    token = models.CharField(max_length=32, unique=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.MAPPING)
    tool = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, default="csv")  # csv or json
    original_name = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    header = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    default_channel = models.CharField(max_length=20, default="email")
    file = models.FileField(upload_to=_upload_path, blank=True, max_length=300)
    rows_read = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    # Which measured figures drive the plan: {channel: {"use_volume": bool, "use_curve": bool}}
    use = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.READING)


class ColumnMapping(models.Model):
    """A mapping remembered for an organization: the next file with the same columns from
    the same tool is offered it."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="column_mappings"
    )
    tool = models.CharField(max_length=20)
    header_hash = models.CharField(max_length=64)
    mapping = models.JSONField(default=dict)
    default_channel = models.CharField(max_length=20, default="email")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "tool", "header_hash"], name="unique_column_mapping"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tool} mapping of {self.organization_id}"
