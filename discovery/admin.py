from __future__ import annotations

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import Answer, AnswerRevision, Project, ProjectTemplate, SuggestionDecision


class AnswerInline(admin.TabularInline):
    """The project's answers, to read: an answer changes through the wizard, which
    validates it against the question bank and records its revision (the admin would do
    neither)."""

    model = Answer
    extra = 0
    can_delete = False
    fields = ("question_id", "value", "updated_by", "updated_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "client_name",
        "organization",
        "stage",
        "completeness",
        "updated_at",
        "archived_at",
    ]
    list_filter = ["stage", "organization", "archived_at"]
    search_fields = ["name", "client_name", "industry"]
    list_select_related = ["organization"]
    readonly_fields = ["completeness", "created_at", "updated_at", "created_by"]
    inlines = [AnswerInline]


@admin.register(AnswerRevision)
class AnswerRevisionAdmin(admin.ModelAdmin):
    list_display = ["project", "question_id", "changed_by", "changed_at"]
    list_filter = ["project__organization"]
    search_fields = ["question_id", "project__name"]
    list_select_related = ["project", "changed_by"]
    readonly_fields = [
        "project",
        "question_id",
        "value",
        "previous_value",
        "changed_by",
        "changed_at",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProjectTemplate)
class ProjectTemplateAdmin(ReadOnlyAdmin):
    list_display = ["name", "organization", "created_by", "created_at"]
    list_filter = ["organization"]
    search_fields = ["name", "description"]
    list_select_related = ["organization", "created_by"]


@admin.register(SuggestionDecision)
class SuggestionDecisionAdmin(ReadOnlyAdmin):
    """What the consultant did with each suggestion the extractor heard in free text."""

    list_display = ["project", "source_question_id", "status", "decided_by", "decided_at"]
    list_filter = ["status", "project__organization"]
    search_fields = ["project__name", "source_question_id", "sentence"]
    list_select_related = ["project", "decided_by"]
