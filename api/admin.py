from __future__ import annotations

from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "user", "organization", "scope", "created_at", "revoked_at")
    list_filter = ("scope", "organization")
    readonly_fields = ("prefix", "secret_hash", "created_at", "last_used_at")
    search_fields = ("name", "prefix", "user__username")
