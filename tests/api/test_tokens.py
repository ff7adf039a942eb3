"""Personal access tokens: made and revoked on the settings page, shown once, stored as an
HMAC of the secret, and what the API answers with each kind of token."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from api import tokens
from api.models import ApiToken
from api.services import token_authenticate, token_create
from tests.api.conftest import Api
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

TOKEN_IN_PAGE = re.compile(r'value="(sbp_[0-9a-f]{12}_[A-Za-z0-9_-]{43})"')


def test_the_settings_page_makes_a_token_shows_it_once_and_keeps_only_its_hash(
    consultant_client, consultant, organization
):
    response = consultant_client.post(
        reverse("api:tokens"),
        {"name": "  CRM   sync ", "organization": organization.pk, "scope": "write"},
    )
    assert response.status_code == 302
    page = consultant_client.get(reverse("api:tokens")).content.decode()
    plaintext = TOKEN_IN_PAGE.search(page).group(1)
    token = ApiToken.objects.get(user=consultant)
    assert token.name == "CRM sync"
    assert token.scope == "write"
    assert token.organization == organization
    assert plaintext not in token.secret_hash
    assert token.secret_hash != plaintext
    assert token.secret_hash == tokens.secret_hash(plaintext.split("_", 2)[2])
    # Shown once: a reload lists the token by its prefix, never the secret again.
    again = consultant_client.get(reverse("api:tokens")).content.decode()
    assert plaintext not in again
    assert f"sbp_{token.prefix}_…" in again
    assert Api(plaintext).get("/projects").status_code == 200


def test_the_user_menu_links_to_the_tokens_page(consultant_client):
    page = consultant_client.get(reverse("discovery:dashboard")).content.decode()
    assert f'href="{reverse("api:tokens")}"' in page


def test_a_token_without_a_name_is_refused_next_to_the_field(consultant_client, organization):
    response = consultant_client.post(
        reverse("api:tokens"), {"name": "   ", "organization": organization.pk, "scope": "read"}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_for_an_organization_you_do_not_belong_to_is_refused(consultant_client, outsider):
    foreign = outsider.memberships.get().organization
    response = consultant_client.post(
        reverse("api:tokens"), {"name": "x", "organization": foreign.pk, "scope": "write"}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_on_the_page_closes_the_api_to_the_token(
    consultant_client, consultant, organization
):
    made = token_create(user=consultant, organization=organization, name="CRM", scope="read")
    assert Api(made.plaintext).get("/projects").status_code == 200
    response = consultant_client.post(reverse("api:token_revoke", args=[made.token.pk]))
    assert response.status_code == 302
    made.token.refresh_from_db()
    assert made.token.revoked_at is not None
    assert Api(made.plaintext).get("/projects").status_code == 401


def test_nobody_revokes_another_users_token(client, consultant, organization):
    made = token_create(user=consultant, organization=organization, name="CRM", scope="read")
    colleague = MembershipFactory(organization=organization).user
    client.force_login(colleague)
    assert client.post(reverse("api:token_revoke", args=[made.token.pk])).status_code == 404
    made.token.refresh_from_db()
    assert made.token.revoked_at is None


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer ",
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
        "Bearer sbp_000000000000_" + "A" * 43,
    ],
)
def test_the_api_answers_401_without_a_valid_token(header, project):
    from django.test import Client

    headers = {"Authorization": header} if header else {}
    response = Client().get("/api/v1/projects", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_with_a_wrong_secret_is_401(write_token, project):
    prefix = write_token.split("_")[1]
    forged = f"sbp_{prefix}_" + "B" * 43
    assert Api(forged).get("/projects").status_code == 401


def test_a_token_stops_working_when_its_user_leaves_the_organization(
    write_token, consultant, organization
):
    assert Api(write_token).get("/projects").status_code == 200
    consultant.memberships.filter(organization=organization).delete()
    assert Api(write_token).get("/projects").status_code == 401


def test_a_token_survives_a_secret_key_rotation_through_the_fallbacks(
    settings, consultant, organization
):
    made = token_create(user=consultant, organization=organization, name="CRM", scope="read")
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    settings.SECRET_KEY_FALLBACKS = []
    assert token_authenticate(made.plaintext) is None
    settings.SECRET_KEY_FALLBACKS = [old]
    assert token_authenticate(made.plaintext) == made.token


def test_use_is_recorded(write_token):
    assert ApiToken.objects.get().last_used_at is None
    Api(write_token).get("/projects")
    assert ApiToken.objects.get().last_used_at is not None


def test_the_page_names_each_tokens_organization_when_the_user_has_several(
    consultant_client, consultant, organization
):
    token_create(user=consultant, organization=organization, name="CRM", scope="read")
    page = consultant_client.get(reverse("api:tokens")).content.decode()
    assert ">Organization</th>" not in page
    second = MembershipFactory(user=consultant, organization__name="Second Consultancy")
    token_create(user=consultant, organization=second.organization, name="BI", scope="read")
    page = consultant_client.get(reverse("api:tokens")).content.decode()
    assert ">Organization</th>" in page
    assert "Second Consultancy" in page


def test_a_review_link_token_opens_nothing_in_the_api(project):
    from reviews.services import reviewer_invite

    invitation = reviewer_invite(
        project=project, name="Rita", email="rita@client.example", user=None, link_for=str
    )
    assert Api(invitation.token).get("/projects").status_code == 401
    assert Api(invitation.token).get(f"/projects/{project.pk}").status_code == 401
