from __future__ import annotations

from typing import Any

from django import forms

from accounts.http import INT_MAX

from .attributes import Attribute, attributes
from .catalogue import rule_catalogue
from .models import Requirement

ATTRIBUTE_PREFIX = "attr_"


def _attribute_field(attribute: Attribute) -> forms.Field:
    if attribute.is_number:
        return forms.DecimalField(
            label=attribute.label,
            help_text=attribute.help,
            required=False,
            min_value=attribute.minimum,
            max_value=attribute.maximum,
            decimal_places=2,
        )
    if attribute.many:
        return forms.MultipleChoiceField(
            label=attribute.label,
            help_text=attribute.help,
            required=False,
            choices=attribute.choices,
            widget=forms.CheckboxSelectMultiple,
        )
    return forms.ChoiceField(
        label=attribute.label,
        help_text=attribute.help,
        required=False,
        choices=[("", "—"), *attribute.choices],
    )


class AttributesMixin:
    """Fields for what a requirement constrains (requirements_app.attributes), named
    attr_<name>; `attribute_values()` gives them back as the service takes them."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_attribute_fields(self) -> None:
        for attribute in attributes():
            self.fields[ATTRIBUTE_PREFIX + attribute.name] = _attribute_field(attribute)

    def attribute_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for attribute in attributes():
            value = self.cleaned_data.get(ATTRIBUTE_PREFIX + attribute.name)
            if value in (None, "", []):
                continue
            values[attribute.name] = float(value) if attribute.is_number else value
        return values

    def attribute_fields(self) -> list[Any]:
        form: Any = self
        return [form[ATTRIBUTE_PREFIX + a.name] for a in attributes()]


def attribute_initial(values: dict[str, Any]) -> dict[str, Any]:
    return {ATTRIBUTE_PREFIX + name: value for name, value in (values or {}).items()}


class RequirementEditForm(AttributesMixin, forms.Form):
    title = forms.CharField(max_length=300)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    priority = forms.ChoiceField(choices=Requirement.Priority.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=INT_MAX)

    def __init__(self, *args: Any, manual: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A derived requirement's attributes come from its rule; a manual one's are edited.
        self.manual = manual
        if manual:
            self.add_attribute_fields()


def _category_choices() -> list[tuple[str, str]]:
    return [(category.id, category.name) for category in rule_catalogue().categories]


class ManualRequirementForm(AttributesMixin, forms.Form):
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_attribute_fields()


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=500, label="Why does it not apply?")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=INT_MAX)


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
