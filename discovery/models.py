from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization


class Project(models.Model):
    """One client engagement: its discovery answers and everything derived from them."""

    class Stage(models.TextChoices):
        DISCOVERY = "discovery", "Discovery"
        REQUIREMENTS = "requirements", "Requirements"
        FRAMEWORK = "framework", "Framework"
        REVIEW = "review", "Client review"
        APPROVED = "approved", "Approved"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="projects"
    )
    name = models.CharField(max_length=200)
    client_name = models.CharField(max_length=200)
    industry = models.CharField(max_length=120, blank=True)
    # The client's pages, the emails to the client and the PDF are in this language,
    # whatever the consultant's own.
    language = models.CharField(
        _("deliverable language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the proposal, the client's pages and their emails."),
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DISCOVERY)
    # Denormalized by the answer service so that lists never load answers.
    completeness = models.PositiveSmallIntegerField(default=0)
    current_step = models.CharField(max_length=40, default="objective")
    archived_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(
                fields=["organization", "archived_at", "-updated_at"], name="project_list_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_name}: {self.name}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Answer(models.Model):
    """The current answer to one question of one project.

    `revision` counts the writes: a form shows the revision it read, and the answer
    service refuses a write based on an older one that another tab (or person) has since
    replaced (see discovery.services). `updated_tab` is the page that wrote it last, so a
    tab's own later save is never a conflict with itself. `template` names the project
    template whose guess the answer is, until the consultant confirms or changes it (every
    write clears it): such an answer is an assumption, never the client's word."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=100)
    value = models.JSONField(null=True)
    revision = models.PositiveIntegerField(default=1)
    updated_tab = models.CharField(max_length=32, blank=True, default="")
    template = models.CharField(max_length=100, blank=True, default="", db_default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "question_id"], name="unique_answer")
        ]

    def __str__(self) -> str:
        return f"{self.question_id} = {self.value!r}"


class AnswerRevision(models.Model):
    """Every change to an answer: who changed it, when, from what to what."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="answer_revisions")
    question_id = models.CharField(max_length=100)
    value = models.JSONField(null=True)
    previous_value = models.JSONField(null=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [
            models.Index(fields=["project", "question_id", "-changed_at"], name="revision_idx")
        ]

    def __str__(self) -> str:
        return f"{self.question_id} changed at {self.changed_at:%Y-%m-%d %H:%M}"


class ProjectTemplate(models.Model):
    """An organization's own project template, saved from one of its projects with the
    answers the consultant chose to keep (see discovery.project_templates)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="project_templates"
    )
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    answers = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="unique_template_name_per_organization"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SuggestionDecision(models.Model):
    """The consultant's decision on something the extractor heard in a free-text answer:
    accepted (with the answers it made and the sentence it came from, so that every
    structured answer made this way traces to its sentence) or dismissed (remembered, so
    it is not offered again)."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="suggestion_decisions"
    )
    # What the suggestion answers ("context.tools+zendesk"): one decision per project.
    key = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices)
    source_question_id = models.CharField(max_length=100)
    # {"category", "value", "label", "group", "text", "start", "end"} of the finding.
    finding = models.JSONField(default=dict)
    sentence = models.TextField(max_length=4000)
    # [{"question_id", "value"}]: the answers an accepted suggestion made.
    answers = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="unique_suggestion_decision")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.status}"
