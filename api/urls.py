from __future__ import annotations

from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("settings/api-tokens/", views.tokens, name="tokens"),
    path("settings/api-tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("settings/webhooks/", views.webhooks_page, name="webhooks"),
    path("settings/webhooks/<int:hook_id>/ping/", views.webhook_ping, name="webhook_ping"),
    path("settings/webhooks/<int:hook_id>/active/", views.webhook_active, name="webhook_active"),
    path("settings/webhooks/<int:hook_id>/delete/", views.webhook_delete, name="webhook_delete"),
]
