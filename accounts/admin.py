from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from .models import Membership, Organization
from .validators import validate_logo


class LogoField(forms.ImageField):
    """The logo upload with one clear message: PNG or JPEG checked by content. Django's
    own image check accepts any format Pillow knows and answers an SVG with a list of
    thirty extensions."""

    default_validators: list[Any] = []

    def to_python(self, data: Any) -> Any:
        file = forms.FileField.to_python(self, data)
        if file is not None:
            validate_logo(file)
        return file


class OrganizationForm(forms.ModelForm):
    logo = LogoField(
        required=False,
        help_text="Shown on PDF covers: PNG or JPEG, at most 512 KB and 2000×2000 pixels.",
    )

    class Meta:
        model = Organization
        fields = ["name", "slug", "brand_color", "logo"]


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
