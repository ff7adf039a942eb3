from __future__ import annotations

from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = "Discovery"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the question bank check)
