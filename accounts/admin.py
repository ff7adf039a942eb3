from __future__ import annotations

from django import forms
from django.contrib import admin

from .forms import LogoField
from .models import Membership, Organization
from .validators import LOGO_HELP


class OrganizationForm(forms.ModelForm):
    logo = LogoField(required=False, help_text=LOGO_HELP)

    class Meta:
        model = Organization
        fields = ["name", "slug", "brand_color", "logo", "review_link_days"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


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
