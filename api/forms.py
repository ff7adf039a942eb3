from __future__ import annotations

from typing import Any

from django import forms

from accounts.models import Organization

from .models import ApiToken
from .webhooks import EVENT_LABELS, WebhookUrlError, url_check


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="Where the token is used, to recognise it later: “CRM sync”, “Jira bridge”.",
    )
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        empty_label=None,
        help_text="The token reaches this organization's projects only.",
    )
    scope = forms.ChoiceField(
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        label="Access",
        help_text="Read only cannot change anything. Read and write can edit answers and "
        "requirements, generate, publish and invite reviewers.",
    )

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        if len(organizations) == 1:
            field.widget = forms.HiddenInput()
            field.initial = organizations[0].pk

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Give the token a name that says where it is used.")
        return name


class WebhookCreateForm(forms.Form):
    url = forms.CharField(
        label="Receiver URL",
        max_length=500,
        help_text="An https:// address on the public internet that accepts POSTed JSON.",
        widget=forms.URLInput(attrs={"placeholder": "https://crm.example.com/hooks/blueprint"}),
    )
    events = forms.MultipleChoiceField(
        choices=[(event, label) for event, label in EVENT_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text="Which events this receiver gets.",
        error_messages={"required": "Choose at least one event to send."},
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        try:
            url_check(url)
        except WebhookUrlError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return url
