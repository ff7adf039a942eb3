from __future__ import annotations

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and organizations"

    def ready(self) -> None:
        from . import throttles  # noqa: F401  (connects the failed sign-in counter)
        from .services import language_remember_at_signin

        user_logged_in.connect(language_remember_at_signin, dispatch_uid="profile_language")
