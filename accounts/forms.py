from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .branding import AA_TEXT, WHITE, contrast, darkened
from .mail import email_queue
from .models import Membership, Organization
from .validators import LOGO_HELP, validate_logo


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "That username and password do not match. Check both and try again; after "
            "several failed attempts sign-in pauses for a while."
        ),
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the email queued and sent by a Celery task after the
    request (accounts.mail): an SMTP server that is down never shows the person an error,
    and the link goes out when it is back."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        text = render_to_string(email_template_name, context)
        html = (
            render_to_string(html_email_template_name, context) if html_email_template_name else ""
        )
        email_queue(subject=subject, text=text, html=html, to=[to_email])


class LogoField(forms.ImageField):
    """The logo upload with one clear message: PNG or JPEG checked by content. Django's
    own image check accepts any format Pillow knows and answers an SVG with a list of
    thirty extensions."""

    default_validators: list[Any] = []

    def to_python(self, data: Any) -> Any:
        file = forms.FileField.to_python(self, data)
        if file is not None:
            validate_logo(file)
        return file


class OrganizationSettingsForm(forms.ModelForm):
    """What an owner changes on the organization's settings page."""

    logo = LogoField(required=False, help_text=LOGO_HELP)

    class Meta:
        model = Organization
        fields = ["name", "logo", "brand_color", "review_link_days", "language"]
        labels = {
            "name": "Name",
            "brand_color": "Brand colour",
            "review_link_days": "Reviewer links expire after (days)",
        }
        help_texts = {
            "name": "Clients read it on every page of their review and on the PDF.",
            "brand_color": (
                "Headings, buttons and the PDF cover use it; it must be dark enough for "
                "white text (at least 4.5:1)."
            ),
        }
        widgets = {
            "brand_color": forms.TextInput(
                attrs={"type": "color", "class": "form-control form-control-color"}
            ),
            "review_link_days": forms.NumberInput(attrs={"min": 1, "max": 365}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A form posted without it (an older page, a script) keeps the current language.
        self.fields["language"].required = False

    def clean_language(self) -> str:
        return str(self.cleaned_data.get("language") or self.instance.language)

    def clean_brand_color(self) -> str:
        color = str(self.cleaned_data["brand_color"]).lower()
        try:
            ratio = contrast(color, WHITE)
        except ValueError:
            raise forms.ValidationError("Use a hex colour such as #1f4e79.") from None
        if ratio < AA_TEXT:
            raise forms.ValidationError(
                "%(color)s is too light to carry white text or to be read on white "
                "(%(ratio).1f:1; at least 4.5:1 is needed). A darker shade of it that works: "
                "%(suggestion)s.",
                params={"color": color, "ratio": ratio, "suggestion": darkened(color)},
                code="brand_color_contrast",
            )
        return color


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        label="Email",
        help_text=(
            "Someone with an account here joins at once; a new address gets an account and "
            "an email with a link to set a password."
        ),
    )
    name = forms.CharField(
        max_length=150, required=False, label="Name", help_text="For a new account."
    )
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.CONSULTANT)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class LanguageForm(forms.Form):
    """The consultant's own language: blank follows the browser."""

    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The browser's language")), *settings.LANGUAGES],
        help_text=_("The language of your pages. Each project's proposal has its own."),
    )
