from __future__ import annotations

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import PdfJob, ProjectBranding


@admin.register(PdfJob)
class PdfJobAdmin(ReadOnlyAdmin):
    """PDF jobs move through their states by the task alone (queued, rendering, ready or
    failed, retried with backoff): shown, never set by hand."""

    list_display = [
        "version",
        "state",
        "attempts",
        "pages",
        "size",
        "requested_at",
        "finished_at",
        "error",
    ]
    list_filter = ["state", "requested_at"]
    search_fields = ["version__project__name", "error", "sha256"]
    list_select_related = ["version__project"]
    date_hierarchy = "requested_at"


@admin.register(ProjectBranding)
class ProjectBrandingAdmin(ReadOnlyAdmin):
    list_display = ["project", "updated_by", "updated_at"]
    search_fields = ["project__name", "project__client_name"]
    list_select_related = ["project", "updated_by"]
