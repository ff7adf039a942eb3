"""The organization settings page: owners change the name, logo, brand colour, reviewer
link expiry and the members; consultants see them and change nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from accounts.branding import contrast
from accounts.models import Membership, Organization
from accounts.selectors import branding, logo_url
from reviews import services as review_services
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

SETTINGS = reverse("accounts:organization_settings")


@pytest.fixture
def owner(organization):
    return MembershipFactory(
        organization=organization,
        role=Membership.Role.OWNER,
        user__username="olivia",
        user__first_name="Olivia",
        user__last_name="Owner",
    ).user


@pytest.fixture
def owner_client(owner) -> Client:
    client = Client()
    client.force_login(owner)
    return client


def _png(color: str = "#c05000") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), color).save(buffer, format="PNG")
    return SimpleUploadedFile("mark.png", buffer.getvalue(), content_type="image/png")


def _settings(**overrides):
    data = {"name": "Blueprint Partners", "brand_color": "#1f4e79", "review_link_days": "30"}
    data.update(overrides)
    return data


def test_owner_changes_the_settings_and_is_redirected(owner_client, organization):
    response = owner_client.post(
        SETTINGS, _settings(name="Blueprint & Co", brand_color="#7A1F5C", review_link_days="14")
    )
    assert response.status_code == 302
    assert response["Location"] == SETTINGS
    organization.refresh_from_db()
    assert (organization.name, organization.brand_color, organization.review_link_days) == (
        "Blueprint & Co",
        "#7a1f5c",
        14,
    )
    page = owner_client.get(SETTINGS).content.decode()
    assert "Organization settings saved." in page
    assert "Blueprint &amp; Co" in page


def test_a_colour_too_light_for_text_is_refused_with_a_darker_shade_that_works(
    owner_client, organization
):
    response = owner_client.post(SETTINGS, _settings(brand_color="#ffd400", name="Changed"))
    assert response.status_code == 400
    page = response.content.decode()
    suggestion = re.search(r"A darker shade of it that works: (#[0-9a-f]{6})", page)
    assert suggestion, page
    assert contrast(suggestion.group(1), "#ffffff") >= 4.5
    # The error is tied to its field for screen readers.
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_brand_color_helptext id_brand_color_error"' in page
    organization.refresh_from_db()
    assert organization.name == "Blueprint Partners"  # nothing saved
    # The suggestion is accepted as it is.
    response = owner_client.post(SETTINGS, _settings(brand_color=suggestion.group(1)))
    assert response.status_code == 302


@pytest.mark.parametrize("days", ["0", "366", "many"])
def test_reviewer_link_expiry_stays_between_1_and_365_days(owner_client, organization, days):
    response = owner_client.post(SETTINGS, _settings(review_link_days=days))
    assert response.status_code == 400
    organization.refresh_from_db()
    assert organization.review_link_days == 30


def test_new_reviewer_links_expire_after_the_organizations_days(organization, consultant):
    organization.review_link_days = 7
    organization.save()
    project = ProjectFactory(organization=organization)
    invitation = review_services.reviewer_invite(
        project=project, name="Rita", email="rita@example.com", user=consultant, link_for=str
    )
    lifetime = invitation.reviewer.expires_at - invitation.reviewer.created_at
    assert 6.9 < lifetime.total_seconds() / 86400 <= 7.0


def test_a_consultant_sees_the_settings_but_cannot_change_them(
    consultant_client, organization, owner
):
    page = consultant_client.get(SETTINGS).content.decode()
    assert "Only an owner of Blueprint Partners can change" in page
    assert 'action="/accounts/organization/settings/"' not in page
    assert "Olivia Owner" in page  # who to ask
    response = consultant_client.post(SETTINGS, _settings(name="Taken over"))
    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.name == "Blueprint Partners"


def test_the_logo_is_uploaded_served_by_a_signed_address_and_replaced(
    owner_client, organization, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    response = owner_client.post(SETTINGS, {**_settings(), "logo": _png()})
    assert response.status_code == 302
    organization.refresh_from_db()
    first = logo_url(organization)
    assert first
    anonymous = Client()
    served = anonymous.get(first)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    # A forged or altered address opens nothing.
    assert anonymous.get(first[:-3] + "xyz/").status_code == 404
    # A new logo gets a new address; the old file is deleted.
    old_path = organization.logo.path
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(SETTINGS, {**_settings(), "logo": _png("#003366")})
    organization.refresh_from_db()
    assert logo_url(organization) != first
    assert anonymous.get(first).status_code == 404
    assert not Path(old_path).exists()
    assert Path(organization.logo.path).exists()
    # And it can be removed.
    owner_client.post(SETTINGS, {**_settings(), "logo-clear": "on"})
    organization.refresh_from_db()
    assert not organization.logo
    assert logo_url(organization) == ""


def test_an_svg_logo_is_refused_where_the_owner_is_looking(owner_client, organization):
    svg = SimpleUploadedFile("mark.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg")
    response = owner_client.post(SETTINGS, {**_settings(), "logo": svg})
    assert response.status_code == 400
    assert "must be a PNG or JPEG image" in response.content.decode()


def test_a_member_with_an_account_is_added(owner_client, organization):
    UserFactory(username="bob", email="bob@example.com", first_name="Bob", last_name="B")
    response = owner_client.post(
        reverse("accounts:member_add"),
        {"member-email": "BOB@example.com", "member-name": "", "member-role": "consultant"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(organization=organization, user__username="bob").role == (
        "consultant"
    )
    assert mail.outbox == []


def test_a_new_address_gets_an_account_and_a_link_to_set_its_password(
    owner_client, organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            reverse("accounts:member_add"),
            {
                "member-email": "nina@example.com",
                "member-name": "Nina  Novak",
                "member-role": "consultant",
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(organization=organization, user__email="nina@example.com")
    assert membership.user.get_full_name() == "Nina Novak"
    assert not membership.user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["nina@example.com"]
    link = re.search(r"http://testserver(/accounts/password-reset/\S+)", message.body)
    assert link, message.body
    # The link opens the set-password form.
    follow = Client().get(link.group(1), follow=True)
    assert follow.status_code == 200
    assert "new_password1" in follow.content.decode()


def test_adding_someone_twice_says_so_on_the_form(owner_client, organization, consultant):
    response = owner_client.post(
        reverse("accounts:member_add"),
        {"member-email": consultant.email, "member-role": "consultant"},
    )
    assert response.status_code == 400
    assert "is already a member" in response.content.decode()


def test_roles_change_and_the_last_owner_stays(owner_client, organization, owner, consultant):
    consultant_membership = consultant.memberships.get()
    owner_membership = owner.memberships.get()
    # The only owner cannot step down or leave.
    owner_client.post(
        reverse("accounts:member_role", args=[owner_membership.pk]), {"role": "consultant"}
    )
    owner_client.post(reverse("accounts:member_remove", args=[owner_membership.pk]))
    owner_membership.refresh_from_db()
    assert owner_membership.role == "owner"
    page = owner_client.get(SETTINGS).content.decode()
    assert "needs at least one owner" in page
    # Once there is another owner, they can.
    owner_client.post(
        reverse("accounts:member_role", args=[consultant_membership.pk]), {"role": "owner"}
    )
    consultant_membership.refresh_from_db()
    assert consultant_membership.role == "owner"
    response = owner_client.post(reverse("accounts:member_remove", args=[owner_membership.pk]))
    assert response["Location"] == reverse("discovery:dashboard")
    assert not Membership.objects.filter(pk=owner_membership.pk).exists()


def test_an_owner_cannot_touch_another_organizations_members(owner_client, outsider):
    foreign = outsider.memberships.get()
    assert (
        owner_client.post(reverse("accounts:member_remove", args=[foreign.pk])).status_code == 404
    )
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_branding_keeps_pale_brand_colours_readable_on_the_web(organization):
    organization.brand_color = "#ffd400"  # set in the admin before the check existed
    brand = branding(organization)
    assert contrast(brand["accent"], "#f6f7f9") >= 4.5
    assert contrast(brand["accent"], brand["accent_soft"]) >= 4.5
    organization.brand_color = "#1f4e79"
    assert branding(organization)["accent"] == "#1f4e79"


def test_new_organizations_take_the_installations_link_days(settings, db):
    settings.REVIEW_LINK_DAYS = 12
    assert Organization.objects.create(name="New", slug="new").review_link_days == 12
