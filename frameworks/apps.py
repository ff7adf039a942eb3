from __future__ import annotations

from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"
