from __future__ import annotations

from typing import Any

from django import forms

from .models import Project


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["client_name", "name", "industry", "language"]
        labels = {"client_name": "Client", "name": "Project name", "industry": "Industry"}
        help_texts = {"name": "For example: Support redesign 2027"}
        widgets = {
            "client_name": forms.TextInput(
                attrs={"autofocus": True, "placeholder": "Northwind Cloud"}
            ),
            "industry": forms.TextInput(attrs={"placeholder": "B2B SaaS", "list": "industries"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Posted without it, a project keeps its language and a new one takes its
        # organization's (discovery.services.project_create).
        self.fields["language"].required = False

    def clean_language(self) -> str:
        kept = self.instance.language if self.instance.pk else ""
        return str(self.cleaned_data.get("language") or kept)


class ProjectFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    stage = forms.ChoiceField(
        required=False, choices=[("", "All stages"), *Project.Stage.choices], label="Stage"
    )
    archived = forms.BooleanField(required=False, label="Archived")


class NewProjectForm(ProjectForm):
    """The project form of a new project, with the template it may start from."""

    template = forms.ChoiceField(
        required=False,
        label="Start from",
        help_text=(
            "A template prefills typical answers, each marked “from template” until you "
            "confirm or change it with the client."
        ),
    )

    class Meta(ProjectForm.Meta):
        pass

    def __init__(self, *args: Any, templates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "A blank discovery"), *templates]


class TemplateSaveForm(forms.Form):
    """Save a project as a template: a name, and which answers go in (shown one by one)."""

    name = forms.CharField(max_length=100, label="Template name")
    description = forms.CharField(max_length=300, required=False, label="What it is for")
    answers = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Answers to keep"
    )

    def __init__(self, *args: Any, answer_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answers"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = answer_choices

    def clean_answers(self) -> list[str]:
        chosen = self.cleaned_data.get("answers") or []
        if not chosen:
            raise forms.ValidationError("Tick at least one answer to keep in the template.")
        return list(chosen)
