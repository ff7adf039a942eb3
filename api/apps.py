from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        from accounts.events import organization_event

        from . import webhooks

        organization_event.connect(webhooks.on_organization_event, dispatch_uid="api.webhooks")
