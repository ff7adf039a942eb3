from __future__ import annotations

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import ProjectImport


@admin.register(ProjectImport)
class ProjectImportAdmin(ReadOnlyAdmin):
    """Where an imported project came from (the export's installation and signer)."""

    list_display = ["project", "imported_at", "imported_by"]
    list_filter = ["imported_at"]
    search_fields = ["project__name", "project__client_name"]
    list_select_related = ["project", "imported_by"]
