from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from discovery.models import Project

from .reasons import plain_reason


class Requirement(models.Model):
    """One requirement of a project's support system: derived by the engine from the
    discovery answers (with its trace), or written by the consultant (manual).

    Consultant edits live in the same row; `derived` keeps what the engine said last time
    so that re-derivation can tell an edit from an upstream change and keep the edit.
    """

    class Origin(models.TextChoices):
        DERIVED = "derived", "Derived"
        MANUAL = "manual", "Manual"

    class Kind(models.TextChoices):
        FUNCTIONAL = "functional", "Functional"
        NON_FUNCTIONAL = "non_functional", "Non-functional"

    class Priority(models.TextChoices):
        MUST = "must", "Must have"
        SHOULD = "should", "Should have"
        COULD = "could", "Could have"
        WONT = "wont", "Won't have (this time)"

    class Mark(models.TextChoices):
        NONE = "", "No mark"
        NEW = "new", "New"
        REVIEW = "review", "Review: inputs changed"
        OBSOLETE = "obsolete", "Obsolete: no longer derived"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="requirements")
    code = models.CharField(max_length=20)
    origin = models.CharField(max_length=10, choices=Origin.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    category = models.CharField(max_length=40)
    priority = models.CharField(max_length=10, choices=Priority.choices)
    title = models.CharField(max_length=300)
    description = models.TextField(max_length=5000)
    rationale = models.TextField(blank=True)
    acceptance_criteria = models.JSONField(default=list, blank=True)
    # What it constrains, read by the framework (requirements_app.attributes): from the
    # rule for a derived requirement, set by the consultant on a manual one.
    attributes = models.JSONField(default=dict, blank=True)
    # What the engine derived last time: {"title", "description", "priority",
    # "acceptance_criteria"} (criteria since they became editable).
    derived = models.JSONField(default=dict, blank=True)
    # Fields the consultant changed from what was derived (services.EDITABLE).
    edited_fields = models.JSONField(default=list, blank=True)
    # {"firings": [{"rule_id", "rationale", "source", "priority", "inputs": [...]}],
    #  "inputs": [{"question_id", "value", "display"}]}
    trace = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    mark = models.CharField(max_length=10, choices=Mark.choices, blank=True, default="")
    # For a review mark: [{"question_id", "label", "before", "after"}] and text changes.
    mark_detail = models.JSONField(default=dict, blank=True)
    dismissed = models.BooleanField(default=False)
    dismiss_reason = models.CharField(max_length=500, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Optimistic locking: every save bumps it, a save from a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="unique_requirement_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_edited(self) -> bool:
        return bool(self.edited_fields)

    @property
    def carries_edits(self) -> bool:
        return bool(self.edited_fields) or self.dismissed

    @property
    def why(self) -> dict[str, Any]:
        """Why it exists, in plain words (requirements_app.reasons), for the screens."""
        return plain_reason(self.origin, self.rationale, self.trace)


class RequirementSync(models.Model):
    """When a project's requirements were last derived, from which catalogue version."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="requirement_sync"
    )
    synced_at = models.DateTimeField()
    catalogue_version = models.CharField(max_length=40)
    answers_hash = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.project} synced {self.synced_at:%Y-%m-%d %H:%M}"
