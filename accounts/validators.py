from __future__ import annotations

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Allow long passphrases (NIST asks for at least 64 characters) but cap the hashing
    cost an attacker can force with a megabyte-long password."""

    def __init__(self, max_length: int = 256) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is too long: use at most {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return f"Your password can be up to {self.max_length} characters long; passphrases are welcome."
