"""Identifiers in shared URLs cannot be enumerated (issue 14, item 7). The database's ids are
sequential across organizations, so a URL that reaches anyone without an account must be
named by a secret instead: the review link's random token (32 bytes), or Django's signed
password-reset token. Every other id in a URL is either behind the sign-in and the
organization check (tests/test_access.py) or scoped under such a token."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.services import reviewer_for_token, token_hash
from tests.reviews.conftest import invite
from tests.test_access import ACCESS, LOGIN, app_routes

# Keywords that are a secret, not a counter: random tokens, and values signed with the
# server's key (an organization's logo: its id and file name under an HMAC, which nobody
# can forge or enumerate).
SECRETS = {"share_token", "token", "signed"}
# Keywords that name no object (a step, a section, a colour) or one's own account id
# carried beside its signed token (password reset's uidb64).
NOT_OBJECTS = {"step", "section", "color", "uidb64"}


def test_every_url_open_without_an_account_is_named_by_a_secret():
    public = {
        name: route
        for name, route in app_routes().items()
        if any(case.anonymous != LOGIN for case in ACCESS[name])
    }
    assert "reviews:client_home" in public  # the table is read, not empty
    for name, route in public.items():
        ids = set(route.kwargs) - SECRETS - NOT_OBJECTS
        if ids:
            assert set(route.kwargs) & SECRETS, (
                f"{name} opens without an account and names {sorted(ids)} without a secret"
            )


@pytest.mark.django_db
def test_the_sequential_ids_of_signed_in_urls_are_refused_to_strangers(client, project):
    """The other side of the rule: a project's number alone opens nothing."""
    response = client.get(reverse("deliverables:framework", args=[project.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_review_tokens_are_random_and_kept_only_as_hashes(project, consultant):
    first = invite(project, consultant, name="One", email="one@client.example")
    second = invite(project, consultant, name="Two", email="two@client.example")
    for link in (first, second):
        assert len(link.token) >= 43  # 32 random bytes, URL-safe base64
        assert link.reviewer.token_hash == token_hash(link.token)
        assert link.token not in {str(v) for v in vars(link.reviewer).values()}
    # Nothing in one link leads to the other: no shared prefix, no neighbour.
    assert first.token[:8] != second.token[:8]
    assert reviewer_for_token(first.token) == first.reviewer
    neighbour = first.token[:-1] + ("A" if first.token[-1] != "A" else "B")
    assert reviewer_for_token(neighbour) is None
