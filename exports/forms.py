from __future__ import annotations

from typing import Any

from django import forms

from .reading import MAX_BYTES, parse_export

ACCEPTED_TYPES = {"application/json", "text/json", "text/plain", "application/octet-stream", ""}


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Project export (.json)",
        help_text="A file from “Export project (JSON)” on a project page, up to 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
        error_messages={
            "required": "Choose the .json file to import.",
            "empty": "The file is empty: choose a .json project export.",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 5 MB: this is not a project export."
            )
        content_type = (upload.content_type or "").split(";")[0].strip().lower()
        if content_type not in ACCEPTED_TYPES:
            raise forms.ValidationError(
                "Choose a .json file exported from Support Blueprint "
                f"(this one is {content_type or 'of an unknown type'})."
            )
        # Read one byte past the cap: a size the client lied about still stops here.
        return parse_export(upload.read(MAX_BYTES + 1))
