from __future__ import annotations

from django import forms

from .models import Project


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["client_name", "name", "industry"]
        labels = {"client_name": "Client", "name": "Project name", "industry": "Industry"}
        help_texts = {"name": "For example: Support redesign 2027"}
        widgets = {
            "client_name": forms.TextInput(
                attrs={"autofocus": True, "placeholder": "Northwind Cloud"}
            ),
            "industry": forms.TextInput(attrs={"placeholder": "B2B SaaS", "list": "industries"}),
        }


class ProjectFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    stage = forms.ChoiceField(
        required=False, choices=[("", "All stages"), *Project.Stage.choices], label="Stage"
    )
    archived = forms.BooleanField(required=False, label="Archived")
