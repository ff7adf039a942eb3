"""The review loop, to inspect. All read-only: a version is frozen, an approval signs its
content hash, comments and feedback are the client's words, and the check's records and
overrides are the audit trail of what was published anyway."""

from __future__ import annotations

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import (
    Approval,
    CheckOverride,
    Comment,
    Feedback,
    ImportedApproval,
    Notification,
    ProposalVersion,
    Reviewer,
    SectionRead,
    VersionCheck,
)


@admin.register(ProposalVersion)
class ProposalVersionAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "published_at", "published_by", "content_hash"]
    list_filter = ["project__organization", "published_at"]
    search_fields = ["project__name", "project__client_name", "change_summary", "content_hash"]
    list_select_related = ["project", "published_by"]
    date_hierarchy = "published_at"


@admin.register(Reviewer)
class ReviewerAdmin(ReadOnlyAdmin):
    # The link's hash is left out: nothing a support engineer needs.
    list_display = ["name", "email", "project", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["project__organization", "revoked_at", "expires_at"]
    search_fields = ["name", "email", "project__name"]
    list_select_related = ["project"]
    exclude = ["token_hash"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["version", "section", "author_name", "created_at", "resolved_at"]
    list_filter = ["section", "version__project__organization", "resolved_at"]
    search_fields = ["body", "author_name", "version__project__name"]
    list_select_related = ["version__project"]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["version", "reviewer", "alignment", "submitted_at", "changes_requested_at"]
    list_filter = ["alignment", "challenge_handled_as", "version__project__organization"]
    search_fields = ["alignment_comment", "challenge", "reviewer__name"]
    list_select_related = ["version__project", "reviewer"]


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdmin):
    list_display = ["version", "reviewer_name", "reviewer_email", "typed_name", "approved_at"]
    list_filter = ["version__project__organization", "approved_at"]
    search_fields = ["reviewer_name", "reviewer_email", "typed_name", "content_hash"]
    list_select_related = ["version__project"]


@admin.register(ImportedApproval)
class ImportedApprovalAdmin(ReadOnlyAdmin):
    list_display = ["version", "reviewer_name", "approved_at", "source"]
    list_filter = ["source"]
    search_fields = ["reviewer_name", "reviewer_email"]
    list_select_related = ["version__project"]


@admin.register(SectionRead)
class SectionReadAdmin(ReadOnlyAdmin):
    list_display = ["version", "reviewer", "section", "read_at"]
    list_filter = ["section"]
    search_fields = ["reviewer__name", "version__project__name"]
    list_select_related = ["version__project", "reviewer"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "project", "kind", "text", "created_at", "read_at"]
    list_filter = ["kind", "read_at", "created_at"]
    search_fields = ["text", "user__username", "project__name"]
    list_select_related = ["user", "project"]


@admin.register(VersionCheck)
class VersionCheckAdmin(ReadOnlyAdmin):
    list_display = ["version", "rules_version", "checked_at"]
    list_filter = ["rules_version"]
    search_fields = ["version__project__name"]
    list_select_related = ["version__project"]


@admin.register(CheckOverride)
class CheckOverrideAdmin(ReadOnlyAdmin):
    list_display = ["version", "rule", "element_title", "overridden_by_name", "overridden_at"]
    list_filter = ["rule", "section", "version__project__organization"]
    search_fields = ["reason", "element_title", "explanation", "version__project__name"]
    list_select_related = ["version__project"]
