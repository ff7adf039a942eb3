from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from accounts.validators import validate_logo


def _pdf_path(job: PdfJob, filename: str) -> str:
    return f"pdfs/{job.version.project_id}/{filename}"


class PdfJob(models.Model):
    """One PDF of one proposal version, rendered with one version of the templates. Its
    state lives here, not in the broker: the page polls this row, and a redelivered task
    finds the file already made."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        ENQUEUE_FAILED = "enqueue_failed", "Could not be queued"

    version = models.ForeignKey(
        "reviews.ProposalVersion", on_delete=models.CASCADE, related_name="pdf_jobs"
    )
    template_hash = models.CharField(max_length=64)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to=_pdf_path, blank=True, max_length=300)
    size = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField()
    # When its task was last handed to the broker (the sweep for lost messages reads it).
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "template_hash"], name="unique_pdf_per_template"
            )
        ]

    def __str__(self) -> str:
        return f"PDF of {self.version_id} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RENDERING)


def _client_logo_path(branding: ProjectBranding, filename: str) -> str:
    # Under logos/ so that the PDF fetcher may read it (MEDIA_ROOT/logos, PNG or JPEG only);
    # the name is ours, never the uploaded one.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"logos/clients/{branding.project_id}-{secrets.token_hex(8)}.{extension}"


class ProjectBranding(models.Model):
    """How the deliverable presents the client: their logo on the cover, optional."""

    project = models.OneToOneField(
        "discovery.Project", on_delete=models.CASCADE, related_name="branding"
    )
    client_logo = models.ImageField(
        upload_to=_client_logo_path,
        blank=True,
        max_length=200,
        validators=[validate_logo],
        help_text="PNG or JPEG, at most 512 KB and 2000 × 2000 pixels.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Branding of {self.project_id}"
