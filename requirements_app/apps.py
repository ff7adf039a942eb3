from __future__ import annotations

from django.apps import AppConfig


class RequirementsAppConfig(AppConfig):
    name = "requirements_app"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the rule catalogue check)
