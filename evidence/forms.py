from __future__ import annotations

from django import forms

from .formats import CHANNELS, FIELDS, PRESETS

CHANNEL_LABELS = {
    "email": "Email",
    "phone": "Phone",
    "chat": "Live chat",
    "portal": "Ticket portal / web form",
    "social": "Social media",
    "messaging": "WhatsApp / messaging apps",
    "in_person": "In person / walk-up",
}


class UploadForm(forms.Form):
    tool = forms.ChoiceField(
        label="Exported from",
        choices=[("", "Detect from the columns")] + [(k, p.label) for k, p in PRESETS.items()],
        required=False,
    )
    file = forms.FileField(
        label="Ticket export (CSV or JSON)",
        help_text=(
            "Only counts and timings are kept; the file itself, with requesters, subjects "
            "and messages, is deleted once it has been read."
        ),
    )


class MappingForm(forms.Form):
    default_channel = forms.ChoiceField(
        label="Channel of tickets that name none",
        choices=[(c, CHANNEL_LABELS[c]) for c in CHANNELS],
    )

    def __init__(self, *args, header: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        options = [("", "— not in this file —")] + [(h, h) for h in header]
        for name, label in FIELDS.items():
            self.fields[f"map_{name}"] = forms.ChoiceField(
                label=label, choices=options, required=(name == "created")
            )

    def mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"map_{name}"]
            for name in FIELDS
            if self.cleaned_data.get(f"map_{name}")
        }
