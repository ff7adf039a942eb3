from __future__ import annotations

from django.contrib import admin

from .models import ColumnMapping, TicketImport


@admin.register(TicketImport)
class TicketImportAdmin(admin.ModelAdmin):
    list_display = ("original_name", "project", "tool", "state", "rows_read", "created_at")
    list_filter = ("state", "tool")
    readonly_fields = ("summary", "mapping", "header", "error")


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ("organization", "tool", "updated_at")
