from __future__ import annotations

from django.apps import AppConfig


class DeliverablesConfig(AppConfig):
    name = "deliverables"
