from __future__ import annotations

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import Requirement, RequirementSync


@admin.register(Requirement)
class RequirementAdmin(ReadOnlyAdmin):
    """Requirements change through their screens, which keep the derived snapshot, the
    consultant's edits and the version used for optimistic locking in step."""

    list_display = ["code", "title", "project", "origin", "priority", "mark", "dismissed"]
    list_filter = ["origin", "kind", "priority", "mark", "dismissed", "project__organization"]
    search_fields = ["code", "title", "description", "project__name"]
    list_select_related = ["project"]


@admin.register(RequirementSync)
class RequirementSyncAdmin(ReadOnlyAdmin):
    list_display = ["project", "synced_at", "catalogue_version", "confirmed_at", "confirmed_by"]
    list_filter = ["catalogue_version", "project__organization"]
    search_fields = ["project__name"]
    list_select_related = ["project", "confirmed_by"]
