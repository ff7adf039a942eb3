"""The client review loop: frozen proposal versions, reviewers and their links, comments,
validation feedback, approvals, and the consultants' notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from discovery.models import Project


class ImmutableVersionError(Exception):
    """A published proposal version never changes."""


class ProposalVersionQuerySet(models.QuerySet["ProposalVersion"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableVersionError("proposal versions are immutable")


class ProposalVersion(models.Model):
    """One published version of a project's proposal: the answers, requirements, framework
    and catalogue versions frozen together. Created once by `version_publish`, never
    updated: comments, feedback and approvals refer to exactly this snapshot."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposal_versions")
    number = models.PositiveIntegerField()
    change_summary = models.TextField(blank=True, max_length=5000)
    snapshot = models.JSONField()
    content_hash = models.CharField(max_length=64)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ProposalVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_proposal_version")
        ]

    def __str__(self) -> str:
        return f"{self.project} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableVersionError(f"v{self.number} is published and cannot change")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return f"v{self.number}"


class Reviewer(models.Model):
    """A named client reviewer of one project, and their link. Only the SHA-256 of the
    link's token is stored: a database leak yields no working links."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reviewers")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> on {self.project}"


class Comment(models.Model):
    """A comment on one section (optionally one element) of one version, by a reviewer
    or a consultant. Replies point at a top-level comment (one level of threading)."""

    version = models.ForeignKey(ProposalVersion, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=40)
    element_id = models.CharField(max_length=120, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(max_length=5000)
    reviewer = models.ForeignKey(
        Reviewer, on_delete=models.PROTECT, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who wrote it, as shown: kept with the comment so that pages need no joins for it.
    author_name = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["version", "section"], name="comment_section_idx")]

    def __str__(self) -> str:
        return f"{self.author_name} on {self.section} of {self.version}"

    @property
    def by_client(self) -> bool:
        return self.reviewer_id is not None

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class Feedback(models.Model):
    """A reviewer's answers to the method's validation questions for one version."""

    class Alignment(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    class HandledAs(models.TextChoices):
        NONE = "", "Not yet"
        REQUIREMENT = "requirement", "Requirement"
        ANSWER = "answer", "Discovery answer"

    version = models.ForeignKey(ProposalVersion, on_delete=models.CASCADE, related_name="feedback")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="feedback")
    alignment = models.CharField(max_length=10, choices=Alignment.choices)
    alignment_comment = models.TextField(blank=True, max_length=5000)
    challenge = models.TextField(blank=True, max_length=5000)
    submitted_at = models.DateTimeField()
    challenge_handled_as = models.CharField(
        max_length=20, choices=HandledAs.choices, blank=True, default=""
    )
    challenge_handled_ref = models.CharField(max_length=40, blank=True)
    challenge_handled_at = models.DateTimeField(null=True, blank=True)
    # Set by the decision panel's "Request changes": the reason is the comment above.
    changes_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "reviewer"], name="unique_feedback")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer.name} on {self.version}: {self.alignment}"


class Approval(models.Model):
    """The audit trail of an approval: who approved which exact content, and when."""

    version = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="approvals")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="approvals")
    reviewer_name = models.CharField(max_length=200)
    reviewer_email = models.EmailField()
    content_hash = models.CharField(max_length=64)
    approved_at = models.DateTimeField()
    # The full name the reviewer typed to confirm ("" on approvals from before it was asked).
    typed_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "reviewer"], name="unique_approval")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_name} approved {self.version}"


class SectionRead(models.Model):
    """A section of a version a reviewer marked as reviewed: the guided read's progress."""

    version = models.ForeignKey(ProposalVersion, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="+")
    section = models.CharField(max_length=40)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "reviewer", "section"], name="unique_section_read"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer.name} read {self.section} of {self.version}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        FEEDBACK = "feedback", "Feedback"
        APPROVAL = "approval", "Approval"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user}: {self.text}"


class ImportedApproval(models.Model):
    """An approval an imported project carried that this installation cannot verify: the
    export came from another installation (or from before exports were signed), so
    nothing proves the client gave it or that the content was not edited. Kept as the
    record the file gave, shown as "imported, not verified here", and never counted as an
    approval: it prints no APPROVED stamp and does not make the project approved."""

    version = models.ForeignKey(
        ProposalVersion, on_delete=models.CASCADE, related_name="imported_approvals"
    )
    reviewer_name = models.CharField(max_length=200)
    reviewer_email = models.EmailField()
    content_hash = models.CharField(max_length=64)
    approved_at = models.DateTimeField()
    # Where the record came from, as shown ("another installation (key 3f2a…)").
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["-approved_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reviewer_name} approved {self.version} (imported, not verified here)"


class VersionCheck(models.Model):
    """The proposal check of one version as it was published, for the consultant only:
    every finding, blocking and advisory. Written once with the version, never shown to a
    client."""

    version = models.OneToOneField(
        ProposalVersion, on_delete=models.CASCADE, related_name="check_record"
    )
    rules_version = models.CharField(max_length=40)
    findings = models.JSONField(default=list)
    checked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"check of {self.version}"


class CheckOverride(models.Model):
    """A blocking finding of the proposal check that a consultant published anyway: who,
    when, which finding, and why, recorded on the version."""

    version = models.ForeignKey(
        ProposalVersion, on_delete=models.CASCADE, related_name="check_overrides"
    )
    finding_key = models.CharField(max_length=200)
    rule = models.CharField(max_length=60)
    section = models.CharField(max_length=40)
    element_id = models.CharField(max_length=160)
    element_title = models.CharField(max_length=300)
    explanation = models.TextField(max_length=2000)
    reason = models.TextField(max_length=2000)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept as text so the record survives the user's removal.
    overridden_by_name = models.CharField(max_length=200)
    overridden_at = models.DateTimeField()

    class Meta:
        ordering = ["overridden_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "finding_key"], name="unique_override_per_finding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.overridden_by_name} overrode {self.rule} on {self.version}"
