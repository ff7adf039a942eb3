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


CRITERIA_HELP = (
    "One a line: what the client will check to know this requirement is met "
    "(for example: “A P1 ticket pages the on-call engineer within 5 minutes”)."
)


def _criteria_field(required: bool) -> forms.CharField:
    return forms.CharField(
        label="Acceptance criteria",
        widget=forms.Textarea(attrs={"rows": 3}),
        # 20 criteria of up to 500 characters, one a line (the service checks each).
        max_length=10_500,
        required=required,
        help_text=CRITERIA_HELP,
        error_messages={
            "required": "Write at least one acceptance criterion, one a line: how will the "
            "client know this requirement is met?"
        },
    )


class RequirementEditForm(AttributesMixin, forms.Form):
    title = forms.CharField(max_length=300)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    priority = forms.ChoiceField(choices=Requirement.Priority.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=INT_MAX)

    def __init__(self, *args: Any, manual: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A derived requirement's attributes come from its rule; a manual one's are edited.
        self.manual = manual
        # A manual requirement has no rule to say how it is checked: the consultant must.
        self.fields["acceptance_criteria"] = _criteria_field(required=manual)
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
    acceptance_criteria = _criteria_field(required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_attribute_fields()


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=500, label="Why does it not apply?")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=INT_MAX)


class RequirementFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search")
    category = forms.ChoiceField(
        choices=lambda: [("", "Any category"), *_category_choices()], required=False
    )
    priority = forms.ChoiceField(
        choices=[("", "Any priority"), *Requirement.Priority.choices], required=False
    )
    mark = forms.ChoiceField(
        label="Status",
        choices=[
            ("", "Any status"),
            ("marked", "Anything to review (any mark)"),
            ("new", "New"),
            ("review", "Review: inputs changed"),
            ("obsolete", "Obsolete"),
            ("unmarked", "Nothing to review"),
            ("no_criteria", "No acceptance criteria"),
            ("edited", "Edited by a consultant"),
            ("dismissed", "Dismissed"),
        ],
        required=False,
    )
    origin = forms.ChoiceField(
        label="Origin",
        choices=[
            ("", "Any origin"),
            ("derived", "From the answers"),
            ("manual", "Written by a consultant"),
        ],
        required=False,
    )
    kind = forms.ChoiceField(choices=[("", "Any kind"), *Requirement.Kind.choices], required=False)
    dismissed = forms.BooleanField(required=False, label="Show dismissed")
