from __future__ import annotations

from django import forms

from .catalogue import rule_catalogue
from .models import Requirement


class RequirementEditForm(forms.Form):
    title = forms.CharField(max_length=300)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    priority = forms.ChoiceField(choices=Requirement.Priority.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _category_choices() -> list[tuple[str, str]]:
    return [(category.id, category.name) for category in rule_catalogue().categories]


class ManualRequirementForm(forms.Form):
    kind = forms.ChoiceField(choices=Requirement.Kind.choices)
    category = forms.ChoiceField(choices=_category_choices)
    priority = forms.ChoiceField(choices=Requirement.Priority.choices, initial="should")
    title = forms.CharField(max_length=300)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text="Where it comes from: a client comment, a meeting, a regulation.",
    )


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=500, label="Why does it not apply?")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RequirementFilterForm(forms.Form):
    priority = forms.ChoiceField(
        choices=[("", "Any priority"), *Requirement.Priority.choices], required=False
    )
    mark = forms.ChoiceField(
        choices=[
            ("", "Any mark"),
            ("marked", "Any mark set"),
            ("new", "New"),
            ("review", "Review"),
            ("obsolete", "Obsolete"),
        ],
        required=False,
    )
    dismissed = forms.BooleanField(required=False, label="Show dismissed")
