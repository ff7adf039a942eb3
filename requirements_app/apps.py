from __future__ import annotations

from django.apps import AppConfig


class RequirementsAppConfig(AppConfig):
    name = "requirements_app"
