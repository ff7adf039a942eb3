from __future__ import annotations

from django import forms

from accounts.validators import LOGO_MAX_BYTES, LOGO_MAX_PIXELS, validate_logo


class ClientLogoForm(forms.Form):
    client_logo = forms.FileField(
        required=False,
        label="Client logo",
        help_text=(
            f"PNG or JPEG, at most {LOGO_MAX_BYTES // 1024} KB and "
            f"{LOGO_MAX_PIXELS[0]} × {LOGO_MAX_PIXELS[1]} pixels."
        ),
        validators=[validate_logo],
    )
    remove = forms.BooleanField(required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("remove") and not data.get("client_logo") and not self.errors:
            self.add_error("client_logo", "Choose a PNG or JPEG file to upload.")
        return data
