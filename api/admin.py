from __future__ import annotations

from django.contrib import admin

from .models import ApiToken, WebhookDelivery, WebhookSubscription


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "user", "organization", "scope", "created_at", "revoked_at")
    list_filter = ("scope", "organization")
    readonly_fields = ("prefix", "secret_hash", "created_at", "last_used_at")
    search_fields = ("name", "prefix", "user__username")


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("url", "organization", "active", "created_by", "created_at")
    list_filter = ("active", "organization")
    exclude = ("secret",)  # shown once, to the owner who made it
    readonly_fields = ("created_at",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "subscription", "state", "attempts", "status_code", "created_at")
    list_filter = ("state", "event")
    readonly_fields = ("created_at", "delivered_at", "next_attempt_at", "log")
