from __future__ import annotations

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import FrameworkGeneration, SectionNote


@admin.register(FrameworkGeneration)
class FrameworkGenerationAdmin(ReadOnlyAdmin):
    """Each generation is what the framework said from given answers and requirements
    (their hashes tell the stale banner what moved): kept as generated."""

    list_display = ["project", "number", "generated_at", "generated_by"]
    list_filter = ["project__organization", "generated_at"]
    search_fields = ["project__name", "project__client_name"]
    list_select_related = ["project", "generated_by"]
    date_hierarchy = "generated_at"


@admin.register(SectionNote)
class SectionNoteAdmin(ReadOnlyAdmin):
    list_display = ["project", "section", "updated_by", "updated_at"]
    list_filter = ["section", "project__organization"]
    search_fields = ["project__name", "note", "intro_override"]
    list_select_related = ["project", "updated_by"]
