from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from .validators import validate_logo


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
        help_text="Shown on PDF covers: PNG or JPEG, at most 512 KB and 2000×2000 pixels.",
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
