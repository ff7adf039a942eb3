from __future__ import annotations

from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the proposal check's data check)
