"""The client's link: what a token opens, what it never opens, and how failures look."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import ratelimit
from accounts.models import RateCounter
from reviews import services
from reviews.models import Reviewer
from tests.factories import MembershipFactory, ProjectFactory
from tests.reviews.conftest import Link, invite, publish, publish_next
from tests.test_access import KWARG_BUILDERS, app_routes

REVIEW_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
}


def _assert_review_headers(response):
    for name, value in REVIEW_HEADERS.items():
        assert response[name] == value, (name, response.get(name))


def test_the_link_opens_the_latest_version(v1, link, reviewer_client):
    response = reviewer_client.get(link.url())
    assert response.status_code == 302
    assert response["Location"] == link.url("deliverables:client_version", number=1)
    page = reviewer_client.get(response["Location"])
    assert page.status_code == 200
    assert b"Hello Rita Reviewer" in page.content
    # The reviewer is never signed in: the token is checked on each request.
    assert "_auth_user_id" not in reviewer_client.session


def test_the_token_is_random_long_and_stored_only_as_its_hash(answered_project, consultant):
    link = invite(answered_project, consultant)
    assert len(link.token) >= 43  # 32 random bytes, base64url
    row = Reviewer.objects.get(pk=link.reviewer.pk)
    assert row.token_hash == hashlib.sha256(link.token.encode()).hexdigest()
    stored = " ".join(str(v) for v in Reviewer.objects.values_list().get(pk=row.pk))
    assert link.token not in stored
    assert invite(answered_project, consultant).token != link.token


def test_default_expiry_is_configurable(answered_project, consultant):
    # The organization's own default (its settings page; REVIEW_LINK_DAYS for new ones).
    organization = answered_project.organization
    organization.review_link_days = 7
    organization.save()
    link = invite(answered_project, consultant)
    delta = link.reviewer.expires_at - timezone.now()
    assert timedelta(days=6, hours=23) < delta <= timedelta(days=7)


def _not_found_cases(answered_project, consultant, v1, link):
    expired = invite(answered_project, consultant, name="Old", email="old@client.example")
    Reviewer.objects.filter(pk=expired.reviewer.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoked = invite(answered_project, consultant, name="Gone", email="gone@client.example")
    services.share_link_revoke(reviewer=revoked.reviewer)
    # Another project (of another organization) with a v1 only; ours has v2 too.
    other_project = ProjectFactory(organization=MembershipFactory().organization)
    publish(other_project)
    other = invite(other_project, name="Otto", email="otto@other.example")
    return {
        "wrong": reverse("reviews:client_home", args=["x" * 43]),
        "wrong version path": reverse("deliverables:client_version", args=["nope", 1]),
        "expired": expired.url(),
        "expired version": expired.url("deliverables:client_version", number=1),
        "revoked": revoked.url(),
        "revoked version": revoked.url("deliverables:client_version", number=1),
        "missing version": link.url("deliverables:client_version", number=99),
        "another project's token": other.url("deliverables:client_version", number=2),
        "too long": reverse("reviews:client_home", args=["a" * 300]),
    }


def test_every_bad_link_gets_the_same_404(answered_project, consultant, v1, link):
    publish_next(answered_project, consultant, "Second version.")
    services.comment_add(version=v1, section="summary", body="Ours", reviewer=link.reviewer)
    cases = _not_found_cases(answered_project, consultant, v1, link)
    bodies = set()
    for label, url in cases.items():
        response = Client().get(url)
        assert response.status_code == 404, label
        _assert_review_headers(response)
        bodies.add(response.content)
    assert len(bodies) == 1
    body = bodies.pop().decode()
    assert "This link does not open anything" in body
    for leak in ("Rita", "Otto", answered_project.client_name, "expired on", "revoked on"):
        assert leak not in body


def test_bad_tokens_on_post_urls_get_the_same_404_and_change_nothing(v1, link):
    before = (v1.comments.count(), v1.feedback.count(), v1.approvals.count())
    token = "y" * 43
    client = Client()
    for name in ("reviews:client_comment", "reviews:client_feedback", "reviews:client_approve"):
        response = client.post(
            reverse(name, args=[token, 1]), {"section": "summary", "body": "x", "alignment": "yes"}
        )
        assert response.status_code == 404
    assert (v1.comments.count(), v1.feedback.count(), v1.approvals.count()) == before


def test_last_use_is_recorded(v1, link, reviewer_client):
    assert link.reviewer.last_used_at is None
    reviewer_client.get(link.url("deliverables:client_version", number=1))
    link.reviewer.refresh_from_db()
    assert link.reviewer.last_used_at is not None


def test_failed_lookups_are_rate_limited_per_address(v1, link, settings):
    settings.REVIEW_LINK_FAILURES_PER_MINUTE = 5
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [
        client.get(reverse("reviews:client_home", args=[f"guess{i}"])).status_code for i in range(5)
    ]
    assert statuses == [404] * 5
    # A guesser learns nothing more this minute, not even from a good token.
    blocked = client.get(link.url("deliverables:client_version", number=1))
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "60"
    _assert_review_headers(blocked)
    # Another address is not affected.
    assert Client(REMOTE_ADDR="203.0.113.8").get(link.url()).status_code == 302
    # The counter is keyed by a hash of the address, not the address itself.
    assert not RateCounter.objects.filter(key__contains="203.0.113").exists()


def test_a_good_link_is_never_counted(v1, link, settings):
    """The PDF panel polls every 2 s: a client reading for an hour makes 1,800 lookups."""
    settings.REVIEW_LINK_FAILURES_PER_MINUTE = 5
    client = Client(REMOTE_ADDR="203.0.113.10")
    status_url = link.url("deliverables:client_pdf_status", number=1)
    statuses = {client.get(status_url).status_code for _ in range(40)}
    assert 429 not in statuses
    assert not RateCounter.objects.exists()


def test_a_browser_that_opened_the_link_keeps_it_while_its_address_is_over_the_limit(
    v1, link, settings
):
    """Someone behind the same address guesses; the client who already opened the link
    (a signed cookie says so, on the link's path only) goes on polling and commenting."""
    settings.REVIEW_LINK_FAILURES_PER_MINUTE = 3
    reader = Client(REMOTE_ADDR="198.51.100.4")
    assert reader.get(link.url("deliverables:client_version", number=1)).status_code == 200
    cookie = reader.cookies["sb_link"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == f"/r/{link.token}/"
    guesser = Client(REMOTE_ADDR="198.51.100.4")
    for i in range(3):
        guesser.get(reverse("reviews:client_home", args=[f"guess{i}"]))
    assert guesser.get(link.url("deliverables:client_version", number=1)).status_code == 429
    assert reader.get(link.url("deliverables:client_pdf_status", number=1)).status_code == 200
    posted = reader.post(
        link.url("reviews:client_comment", number=1), {"section": "summary", "body": "Fine."}
    )
    assert posted.status_code == 302
    # The cookie lifts the limit for its own link only, and opens nothing by itself.
    other = invite(link.reviewer.project, name="Other Reviewer", email="o@client.example")
    assert reader.get(other.url()).status_code == 429
    forged = Client(REMOTE_ADDR="198.51.100.4")
    forged.cookies["sb_link"] = "not-signed"
    assert forged.get(link.url()).status_code == 429


def test_behind_a_proxy_each_client_address_counts_alone(v1, link, settings):
    settings.REVIEW_LINK_FAILURES_PER_MINUTE = 2
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"
    guesser = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.20")
    for i in range(2):
        guesser.get(reverse("reviews:client_home", args=[f"guess{i}"]))
    assert guesser.get(link.url()).status_code == 429
    # Another client through the same proxy (and one that forges the leftmost entry to
    # look like the guesser) is its own address.
    neighbour = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.20, 203.0.113.21")
    assert neighbour.get(link.url()).status_code == 302


def test_the_rate_limit_window_resets(v1, link, settings, monkeypatch):
    settings.REVIEW_LINK_FAILURES_PER_MINUTE = 2
    client = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(2):
        client.get(reverse("reviews:client_home", args=[f"guess{i}"]))
    assert client.get(link.url()).status_code == 429
    later = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: later)
    assert client.get(link.url()).status_code == 302


@pytest.mark.parametrize(
    ("name", "kwargs", "method"),
    [
        ("reviews:client_home", {}, "get"),
        ("deliverables:client_version", {"number": 1}, "get"),
        ("reviews:client_diff", {}, "get"),
        ("reviews:client_comment", {"number": 1}, "post"),
        ("reviews:client_feedback", {"number": 1}, "post"),
        ("reviews:client_approve", {"number": 1}, "post"),
        ("reviews:client_request_changes", {"number": 1}, "post"),
        ("reviews:client_section_read", {"number": 1}, "post"),
    ],
)
def test_review_pages_send_the_privacy_headers(v1, link, name, kwargs, method):
    response = getattr(Client(), method)(
        link.url(name, **kwargs), {"body": "x", "section": "summary", "alignment": "yes"}
    )
    assert response.status_code in (200, 302)
    _assert_review_headers(response)


def test_post_only_review_urls_refuse_get_with_the_headers(v1, link):
    response = Client().get(link.url("reviews:client_approve", number=1))
    assert response.status_code == 405
    _assert_review_headers(response)


# --- a reviewer cannot reach anything else ------------------------------------------------

# Routes scoped by a link's token (the review pages, and any other app's client routes).
CLIENT_ROUTES = {name for name, route in app_routes().items() if "share_token" in route.kwargs}
PUBLIC_ROUTES = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:logout",
    # One's own language: a visitor's cookie on the sign-in page, a profile when signed in.
    "accounts:language",
    "deliverables:brand_css",  # an organization's colour as a stylesheet: no secret
}


def _consultant_urls(world) -> list[str]:
    urls = []
    for name, route in sorted(app_routes().items()):
        if name in CLIENT_ROUTES or name in PUBLIC_ROUTES:
            continue
        urls.append(reverse(name, kwargs={k: KWARG_BUILDERS[k](world) for k in route.kwargs}))
    return urls


@pytest.fixture
def world(organization, consultant, answered_project, v1, link):
    return {
        "organization": organization,
        "consultant": consultant,
        "project": answered_project,
        "link": link,
        "v1": v1,
    }


def test_a_reviewer_reaches_no_consultant_url(world, link):
    project = world["project"]
    # A browser that has used the link: its cookies (CSRF, messages) and nothing else.
    client = Client()
    client.get(link.url("deliverables:client_version", number=1))
    client.post(link.url("reviews:client_comment", number=1), {"section": "summary", "body": "Hi"})
    stage_before = type(project).objects.get(pk=project.pk).stage
    requirement_count = project.requirements.count()
    urls = _consultant_urls(world)
    assert any("/discovery/" in u for u in urls)
    assert any("/requirements/" in u for u in urls)
    assert any("/proposal/" in u for u in urls)
    assert any("/framework/" in u for u in urls)
    token = link.token
    attempts = [
        ({}, {}),
        ({"token": token, "share_token": token}, {}),
        ({}, {"HTTP_AUTHORIZATION": f"Bearer {token}", "HTTP_X_REVIEW_TOKEN": token}),
    ]
    client.cookies["share_token"] = token
    client.cookies["token"] = token
    for url in urls:
        for params, headers in attempts:
            for method in ("get", "post"):
                response = getattr(client, method)(url, params, **headers)
                assert response.status_code in (302, 403, 404, 405), (
                    method,
                    url,
                    response.status_code,
                )
                if response.status_code == 302:
                    assert response["Location"].startswith(reverse("accounts:login")), (
                        url,
                        response["Location"],
                    )
    project.refresh_from_db()
    assert project.stage == stage_before
    assert project.requirements.count() == requirement_count


def test_the_token_in_a_consultant_url_path_opens_nothing(world, link):
    client = Client()
    for path in (
        f"/projects/{world['project'].pk}/proposal/v1/?token={link.token}",
        f"/r/{link.token}/../projects/{world['project'].pk}/discovery/",
        f"/r/{link.token}/requirements/",
        f"/r/{link.token}/draft/",
        f"/r/{link.token}/framework/",
        f"/r/{link.token}/v1/../../projects/{world['project'].pk}/framework/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 404), (path, response.status_code)
        assert b"Hello Rita" not in response.content


def test_a_token_reads_only_its_own_project(world, link, consultant):
    other_org = MembershipFactory().organization
    other = ProjectFactory(organization=other_org, client_name="Contoso Secret")
    publish(other)
    client = Client()
    page = client.get(link.url("deliverables:client_version", number=1))
    assert b"Contoso Secret" not in page.content
    other_link = invite(other, name="Carla", email="carla@contoso.example")
    page = client.get(other_link.url("deliverables:client_version", number=1))
    assert b"Contoso Secret" in page.content
    assert world["project"].client_name.encode() not in page.content
    # A comment id of our project through the other project's token: the same 404.
    comment = services.comment_add(
        version=world["v1"], section="summary", body="x", reviewer=link.reviewer
    )
    services.comment_resolve(comment=comment, user=consultant)
    response = client.post(other_link.url("reviews:client_reopen", comment_id=comment.pk))
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.resolved_at is not None


def test_a_consultant_of_another_organization_gets_404_on_proposal_pages(world, outsider):
    client = Client()
    client.force_login(outsider)
    project = world["project"]
    for url in (
        reverse("reviews:index", args=[project.pk]),
        reverse("deliverables:version", args=[project.pk, 1]),
        reverse("reviews:diff", args=[project.pk]),
    ):
        assert client.get(url).status_code == 404


def test_drafts_are_never_shown_to_the_reviewer(world, link, consultant):
    """What the consultant changes after publishing stays out of the client's page."""
    from requirements_app.services import requirement_create_manual

    requirement_create_manual(
        project=world["project"],
        kind="functional",
        category="ticket_management",
        title="Draft-only requirement",
        description="Not published",
        priority="could",
        user=consultant,
    )
    page = Client().get(link.url("deliverables:client_version", number=1))
    assert b"Draft-only requirement" not in page.content


def test_link_type_is_a_dataclass():
    assert Link.__dataclass_fields__


def test_review_posts_work_from_a_no_referrer_page(v1, link):
    """With `Referrer-Policy: no-referrer` browsers post forms with `Origin: null`; the
    review posts authenticate by the token in the path, not by a cookie, so they accept it."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        link.url("reviews:client_comment", number=1),
        {"section": "summary", "body": "From the browser"},
        HTTP_ORIGIN="null",
    )
    assert response.status_code == 302
    assert v1.comments.get().body == "From the browser"
    # Consultant posts still need the CSRF token.
    consultant = Client(enforce_csrf_checks=True)
    consultant.force_login(v1.project.organization.members.first())
    assert consultant.post(reverse("reviews:publish", args=[v1.project_id])).status_code == 403
