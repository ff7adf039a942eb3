from __future__ import annotations

from django import forms
from django.contrib import admin

from .forms import LogoField
from .models import Membership, Organization, OutgoingEmail, RateCounter
from .validators import LOGO_HELP


class OrganizationForm(forms.ModelForm):
    logo = LogoField(required=False, help_text=LOGO_HELP)

    class Meta:
        model = Organization
        fields = ["name", "slug", "brand_color", "logo", "review_link_days"]


class MembershipInline(admin.StackedInline):
    """Stacked, with the user by id: the tabular inline's cells and the autocomplete's
    combobox carry no label a screen reader can announce (axe: label, select-name)."""

    model = Membership
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    form = OrganizationForm
    list_display = ["name", "slug", "brand_color", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "joined_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """For a support engineer to inspect, never to edit: rows whose invariants the
    services keep (frozen versions, approvals, job states, audit trails). Changing one
    here would break what the app promises about it, so the admin only shows it."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    # The text and HTML carry reviewers' links: not shown here.
    list_display = ["subject", "state", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["state", "created_at"]
    search_fields = ["subject", "to", "last_error"]
    fields = [
        "subject",
        "to",
        "state",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "sent_at",
    ]
    date_hierarchy = "created_at"


@admin.register(RateCounter)
class RateCounterAdmin(ReadOnlyAdmin):
    list_display = ["key", "window", "count"]
    search_fields = ["key"]
