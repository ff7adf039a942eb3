from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django_zxcvbn_password_validator import ZxcvbnPasswordValidator

# zxcvbn refuses longer input: its matching grows with the square of the length.
ZXCVBN_MAX_LENGTH = 72


class GuessablePasswordValidator(ZxcvbnPasswordValidator):
    """Rejects passwords an attacker would guess early: zxcvbn's estimate of the guesses
    needed, over its dictionaries (common passwords, names, English words), keyboard walks
    ("qwertyuiopasdfgh"), repeats ("aaaa…", "abcabc…"), sequences ("12345678"), dates and
    l33t substitutions, plus the user's own name, username and email, scored 0 to 4 against
    PASSWORD_MINIMAL_STRENGTH. The feedback is zxcvbn's, translated by the package.

    A password longer than zxcvbn takes is scored on its first 72 characters: the package
    would refuse it outright, and this app welcomes passphrases up to 256 characters. A
    longer passphrase is at least as hard to guess as its beginning."""

    def _run_zxcvbn(self, password: str, user: Any = None) -> Any:
        return super()._run_zxcvbn(password[:ZXCVBN_MAX_LENGTH], user)

    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise ValidationError(
                [
                    ValidationError(message, code="password_too_guessable")
                    for message in exc.messages
                ]
            ) from None


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


LOGO_HELP = (
    "Shown on the client's pages and the PDF cover: PNG or JPEG, at most 512 KB and "
    "2000×2000 pixels."
)
LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_PIXELS = (2000, 2000)
LOGO_FORMATS = {"PNG": ("png",), "JPEG": ("jpg", "jpeg")}
_NOT_AN_IMAGE = (
    "The logo must be a PNG or JPEG image. SVG and other formats are not accepted: save it "
    "as PNG first."
)


def validate_logo(file: Any) -> None:
    """An organization's logo goes onto every PDF cover, so only small raster images whose
    content Pillow reads as PNG or JPEG get in: an SVG can fetch and script, and the name
    or the browser's content type prove nothing."""
    from PIL import Image, UnidentifiedImageError

    if file is None:
        return
    if file.size is not None and file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            f"The logo is {file.size // 1024} KB; use a file of at most "
            f"{LOGO_MAX_BYTES // 1024} KB.",
            code="logo_too_large",
        )
    extension = str(getattr(file, "name", "")).rsplit(".", 1)[-1].lower()
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            if image_format in LOGO_FORMATS and (
                width <= LOGO_MAX_PIXELS[0] and height <= LOGO_MAX_PIXELS[1]
            ):
                image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise ValidationError(_NOT_AN_IMAGE, code="logo_format") from exc
    finally:
        file.seek(position)
    if image_format not in LOGO_FORMATS or extension not in LOGO_FORMATS[image_format]:
        raise ValidationError(_NOT_AN_IMAGE, code="logo_format")
    if width > LOGO_MAX_PIXELS[0] or height > LOGO_MAX_PIXELS[1]:
        raise ValidationError(
            f"The logo is {width}×{height} pixels; use at most "
            f"{LOGO_MAX_PIXELS[0]}×{LOGO_MAX_PIXELS[1]}.",
            code="logo_dimensions",
        )
