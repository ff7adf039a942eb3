"""Writes of the accounts floor: an organization's settings and its members' roles.

Only owners may call these (the views check the role first); each function also protects
the organization itself: it always keeps at least one owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .mail import email_queue
from .middleware import SESSION_LANGUAGE_KEY, known_language
from .models import Membership, Organization, Profile


class MembershipError(Exception):
    """A change to the members that would leave the organization without an owner, or
    that names someone who is already a member."""


@dataclass(frozen=True)
class MemberAdded:
    membership: Membership
    new_account: bool  # True when the address had no account and was sent a set-password link


def organization_update(
    *, organization: Organization, data: dict[str, Any], logo_cleared: bool = False
) -> Organization:
    """Save the settings an owner changed. A new logo replaces the old file; clearing it
    removes the file."""
    # The stored name, not the instance's: a ModelForm has already put the upload on it.
    old_logo = (
        Organization.objects.filter(pk=organization.pk).values_list("logo", flat=True).first() or ""
    )
    for field in ("name", "brand_color", "review_link_days"):
        if field in data:
            setattr(organization, field, data[field])
    logo = data.get("logo")
    if logo_cleared or logo is False:
        organization.logo = None
    elif logo:
        organization.logo = logo
    organization.full_clean()
    organization.save()
    new_logo = organization.logo.name if organization.logo else ""
    if old_logo and old_logo != new_logo:
        storage = organization.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return organization


def _owners(organization: Organization) -> int:
    return Membership.objects.filter(organization=organization, role=Membership.Role.OWNER).count()


@transaction.atomic
def member_role_set(*, membership: Membership, role: str) -> Membership:
    if role not in Membership.Role.values:
        raise MembershipError("Choose Owner or Consultant.")
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        locked.role == Membership.Role.OWNER
        and role != Membership.Role.OWNER
        and _owners(locked.organization) <= 1
    ):
        raise MembershipError(
            "An organization needs at least one owner: make someone else an owner first."
        )
    locked.role = role
    locked.save(update_fields=["role"])
    return locked


@transaction.atomic
def member_remove(*, membership: Membership) -> None:
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.role == Membership.Role.OWNER and _owners(locked.organization) <= 1:
        raise MembershipError(
            "An organization needs at least one owner: make someone else an owner before "
            "removing the last one."
        )
    locked.delete()


def _username_for(email: str) -> str:
    UserModel = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", email.split("@", 1)[0])[:140] or "member"
    candidate, n = base, 1
    while UserModel.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


@transaction.atomic
def member_add(
    *,
    organization: Organization,
    email: str,
    name: str,
    role: str,
    invited_by: User,
    site_url: str,
) -> MemberAdded:
    """Add the account with this email address to the organization; an address without an
    account gets one (with no usable password) and an email, after commit, with a link to
    set its password."""
    UserModel = get_user_model()
    email = email.strip()
    matches = list(UserModel.objects.filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise MembershipError(
            "Several accounts use this address; ask an administrator to add the right one."
        )
    new_account = not matches
    if new_account:
        first, _, last = " ".join(name.split()).partition(" ")
        user = UserModel(username=_username_for(email), email=email, first_name=first[:150])
        user.last_name = last[:150]
        user.set_unusable_password()
        user.save()
    else:
        user = matches[0]
        if Membership.objects.filter(organization=organization, user=user).exists():
            raise MembershipError(f"{email} is already a member of {organization.name}.")
    membership = Membership.objects.create(user=user, organization=organization, role=role)
    if new_account:
        link = site_url + reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "organization": organization,
            "user": user,
            "link": link,
            "inviter": invited_by.get_full_name() or invited_by.username,
        }
        subject = f"You have been added to {organization.name} on Support Blueprint"
        _send(subject, "accounts/email/member_added", context, email)
    return MemberAdded(membership, new_account)


def _send(subject: str, template: str, context: dict[str, Any], to: str) -> None:
    """Plain text, plus an HTML part rendered with autoescaping on; queued and sent by a
    Celery task after the commit (accounts.mail), retried while SMTP is down."""
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    email_queue(subject=" ".join(subject.split()), text=text, html=html, to=[to])


def language_set(*, request: HttpRequest, user: User | None, language: str) -> str:
    """The visitor's own language: on a signed-in user's profile (blank: the browser's)
    and in their session. Returns the language now active for them ("" for the browser's)."""
    language = known_language(language)
    if user is not None:
        Profile.objects.update_or_create(user=user, defaults={"language": language})
        if language:
            request.session[SESSION_LANGUAGE_KEY] = language
        else:
            request.session.pop(SESSION_LANGUAGE_KEY, None)
    return language


def language_remember_at_signin(
    sender: object, request: HttpRequest | None, user: User, **kwargs: object
) -> None:
    """At sign-in the profile's language goes into the (new) session."""
    if request is None or not hasattr(request, "session"):
        return
    language = known_language(
        Profile.objects.filter(user=user).values_list("language", flat=True).first()
    )
    if language:
        request.session[SESSION_LANGUAGE_KEY] = language
