from __future__ import annotations

from typing import Any

from django import forms

from accounts.http import ID_MAX
from requirements_app.catalogue import rule_catalogue
from requirements_app.forms import AttributesMixin
from requirements_app.models import Requirement

from .models import Feedback


class InviteForm(forms.Form):
    name = forms.CharField(max_length=200, label="Reviewer's name")
    email = forms.EmailField(max_length=254, label="Email")


class PublishForm(forms.Form):
    change_summary = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What changed (the client reads this first)",
    )


class CommentForm(forms.Form):
    section = forms.CharField(max_length=40, required=False)
    element_id = forms.CharField(max_length=120, required=False)
    parent = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)
    body = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackForm(forms.Form):
    alignment = forms.ChoiceField(
        choices=Feedback.Alignment.choices,
        widget=forms.RadioSelect,
        label="Does this proposal align with your initial expectations?",
    )
    alignment_comment = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Tell us more (optional)",
    )
    challenge = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Is there any other challenge I should consider?",
    )


def _category_choices() -> list[tuple[str, str]]:
    return [(c.id, c.name) for c in rule_catalogue().categories]


class ChallengeForm(AttributesMixin, forms.Form):
    """What a client's challenge becomes: a discovery answer, or a manual requirement with
    what it constrains (so the next version's framework changes, not only its appendix)."""

    target = forms.ChoiceField(
        choices=[("requirement", "A manual requirement"), ("answer", "A discovery answer")]
    )
    kind = forms.ChoiceField(choices=Requirement.Kind.choices, required=False)
    category = forms.ChoiceField(choices=_category_choices, required=False)
    priority = forms.ChoiceField(choices=Requirement.Priority.choices, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_attribute_fields()
