from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from discovery.models import Project


class FrameworkGeneration(models.Model):
    """One generation of a project's framework proposal: the generator's output, frozen,
    with what changed since the previous generation."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="framework_generations"
    )
    number = models.PositiveIntegerField()
    data = models.JSONField()
    changes = models.JSONField(default=dict, blank=True)
    # The proposal check's result on this generation (frameworks.check, as_dict()):
    # findings for the consultant only, refreshed when the check's rules change.
    check_result = models.JSONField(default=dict, blank=True)
    answers_hash = models.CharField(max_length=64)
    requirements_hash = models.CharField(max_length=64)
    generated_at = models.DateTimeField()
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_generation_number")
        ]

    def __str__(self) -> str:
        return f"{self.project} framework #{self.number}"


class SectionNote(models.Model):
    """The consultant's own words on a section: a note shown under it and, optionally, an
    introduction that replaces the generated one. Kept across regenerations."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="section_notes")
    section = models.CharField(max_length=40)
    intro_override = models.TextField(blank=True, max_length=5000)
    note = models.TextField(blank=True, max_length=5000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "section"], name="unique_section_note")
        ]

    def __str__(self) -> str:
        return f"{self.project}: note on {self.section}"


def _pdf_path(job: Any, filename: str) -> str:
    """Named by migration 0002, which created the PDF job table here; the model now lives
    in `deliverables` (moved by migration 0003, the table and its rows kept)."""
    return f"pdfs/{job.version.project_id}/{filename}"
