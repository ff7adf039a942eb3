from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import LOGO_HELP, validate_logo


def default_review_link_days() -> int:
    """New organizations start with the installation's REVIEW_LINK_DAYS."""
    return int(settings.REVIEW_LINK_DAYS)


class Organization(models.Model):
    """A consultancy. Projects belong to one; consultants are members of one or more."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    brand_color = models.CharField(
        max_length=7,
        default="#1f4e79",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #1f4e79.")],
        help_text="Accent colour used on proposals and PDFs.",
    )
    logo = models.ImageField(
        upload_to="logos/",
        blank=True,
        validators=[validate_logo],
        help_text=LOGO_HELP,
    )
    review_link_days = models.PositiveSmallIntegerField(
        "reviewer links expire after (days)",
        default=default_review_link_days,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="How long a new client reviewer's link works, from 1 to 365 days.",
    )
    language = models.CharField(
        _("deliverable language of new projects"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The client's pages, emails and PDF of a new project use it; each project can change it."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organizations"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        CONSULTANT = "consultant", "Consultant"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CONSULTANT)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")
        ]
        ordering = ["organization__name"]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.role})"


class Profile(models.Model):
    """A user's own preferences, whatever organization they work in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # Blank: the browser's Accept-Language decides.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of your pages. Blank follows your browser."),
    )

    def __str__(self) -> str:
        return f"{self.user} ({self.language or 'browser'})"


class RateCounter(models.Model):
    """Fixed-window counters shared by every process (the default cache is per-process
    locmem, so a cache counter would multiply a limit by the number of workers). `window`
    is the window's start in Unix seconds; `key` is a hash of the scope and what is
    counted (an address, an email), never the thing itself. See accounts.ratelimit."""

    key = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="unique_rate_counter_window")
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window}: {self.count}"


class OutgoingEmail(models.Model):
    """One email the app sends, from the moment the action that caused it commits until an
    SMTP server took it. The row is the state (as a PDF job's is): the Celery task takes
    its id, a redelivered task finds it sent and does nothing, and a mail that could not go
    out (SMTP down, broker down) is sent again later by the worker's sweep. Once sent, its
    body is emptied: an invitation's link or a reset link does not stay in the database."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Refused by the server"

    subject = models.CharField(max_length=300)
    to = models.JSONField(default=list)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="outgoing_email_state_idx")]

    def __str__(self) -> str:
        return f"{self.subject} to {', '.join(self.to)} ({self.state})"
