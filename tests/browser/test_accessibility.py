"""Every page, at a laptop's width and a phone's, for the consultant, the client reviewer
and the support engineer in the admin: axe-core finds no serious or critical violation
(WCAG 2.2 A/AA and axe's best practices), and no page is wider than the viewport (a wide
grid scrolls inside its own container, never the page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from accounts.models import Membership
from api.services import token_create
from api.webhooks import subscription_create
from discovery import scenarios, services
from requirements_app.models import Requirement
from requirements_app.services import requirements_sync
from reviews import services as review_services
from reviews.models import ProposalVersion
from tests import factories
from tests.browser.axe import audit, blocking, describe, overflow
from tests.browser.conftest import (
    CSP_LISTENER,
    PASSWORD,
    TIMEOUT_MS,
    northwind_under_review,
    sign_in,
)
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.browser

WIDTHS = (1366, 390)
NOT_FOUND = "/r/not-a-real-link/"  # the one page that answers 404 on purpose
LONG_NAME = (
    "Customer support transformation programme for the combined EMEA and APAC service "
    "organisations after the merger of 2026"
)


@dataclass
class World:
    consultant_pages: list[str]
    client_pages: list[str]
    admin_pages: list[str]
    anonymous_pages: list[str]


def _world(browser_user: Any) -> World:
    Membership.objects.filter(user=browser_user).update(role=Membership.Role.OWNER)
    project, invitation = northwind_under_review(browser_user)
    # The settings pages with something listed on them: a token, and (below, after the
    # last publish, so that nothing is sent to it) a webhook receiver.
    token_create(
        user=browser_user, organization=project.organization, name="CRM sync", scope="write"
    )
    version = project.proposal_versions.get()
    review_services.comment_add(
        version=version,
        section="tools",
        body="Why this platform rather than the one we have?",
        reviewer=invitation.reviewer,
    )
    review_services.feedback_submit(
        version=version,
        reviewer=invitation.reviewer,
        alignment="partly",
        alignment_comment="Staffing looks thin.",
        challenge="Agents work in two time zones.",
    )
    services.answers_load(
        project=project,
        answers={**scenarios.NORTHWIND, "context.team_size": 4},
        user=browser_user,
    )
    requirements_sync(project=project)
    factories.publish(project=project, change_summary="Second.", user=browser_user)
    # A project part-way through discovery, with a name far longer than any column.
    partial = ProjectFactory(
        organization=project.organization, client_name="Verde Shop", name=LONG_NAME
    )
    services.answers_load(
        project=partial,
        answers={k: v for k, v in scenarios.VERDE.items() if k.startswith("objective.")},
        user=browser_user,
    )
    waiting = review_services.reviewer_invite(
        project=partial,
        name="Vera Verde",
        email="vera@verde.example",
        user=browser_user,
        link_for=lambda token: token,
    )
    subscription_create(
        organization=project.organization,
        url="http://127.0.0.1:9/hooks/blueprint",
        events=["version_published", "version_approved"],
        user=browser_user,
    )
    requirement = Requirement.objects.filter(project=project).first()
    assert requirement is not None
    pk = project.pk
    steps = [f"/projects/{pk}/discovery/{s}/" for s in services.BANK.step_by_slug]
    consultant = [
        "/",
        "/projects/new/",
        f"/projects/{pk}/",
        f"/projects/{pk}/edit/",
        f"/projects/{partial.pk}/",
        *steps,
        f"/projects/{pk}/discovery/review/",
        f"/projects/{pk}/requirements/?view=cards",
        f"/projects/{pk}/requirements/?view=table",
        f"/projects/{pk}/requirements/new/",
        f"/projects/{pk}/requirements/{requirement.pk}/edit/",
        f"/projects/{pk}/requirements/matrix/",
        f"/projects/{pk}/framework/",
        f"/projects/{pk}/proposal/",
        f"/projects/{pk}/proposal/v2/",
        f"/projects/{pk}/proposal/diff/?from=1&to=2",
        "/notifications/",
        "/projects/import/",
        f"/projects/{pk}/evidence/",
        f"/projects/{pk}/save-as-template/",
        reverse("accounts:password_change"),
        reverse("accounts:password_change_done"),
        reverse("accounts:organization_settings"),
        "/settings/api-tokens/",
        "/settings/webhooks/",
    ]
    client = [
        f"/r/{invitation.token}/v2/",
        f"/r/{invitation.token}/v1/",
        f"/r/{invitation.token}/diff/?from=1&to=2",
        f"/r/{waiting.token}/",
        NOT_FOUND,
    ]
    admin = [
        "/admin/",
        "/admin/discovery/project/",
        f"/admin/discovery/project/{pk}/change/",
        "/admin/reviews/proposalversion/",
        f"/admin/reviews/proposalversion/{ProposalVersion.objects.filter(project_id=pk).first().pk}/change/",
        "/admin/requirements_app/requirement/?origin__exact=derived",
        "/admin/deliverables/pdfjob/",
        "/admin/accounts/outgoingemail/",
        f"/admin/accounts/organization/{project.organization_id}/change/",
        "/admin/reviews/comment/",
        "/admin/evidence/ticketimport/",
        "/admin/api/webhooksubscription/",
        "/admin/api/webhookdelivery/",
    ]
    anonymous = [
        "/accounts/login/",
        "/accounts/password-reset/",
        "/accounts/password-reset/sent/",
        "/accounts/password-reset/done/",
    ]
    return World(consultant, client, admin, anonymous)


def _check(page: Page, urls: list[str], problems: list[str]) -> None:
    width = page.evaluate("window.innerWidth")
    failed: list[str] = []
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith(NOT_FOUND)
            else None
        ),
    )
    for url in urls:
        response = page.goto(url)
        assert response is not None
        assert response.status == (404 if url == NOT_FOUND else 200), (url, response.status)
        if failed:
            problems.append(f"{url}: failed requests: {failed}")
            failed.clear()
        found = blocking(audit(page))
        if found:
            problems.append(describe(f"{width}px {url}", found))
        wide = overflow(page)
        if wide:
            problems.append(f"{width}px {url}: wider than the page: {wide}")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe_and_fits(
    width, browser, live_server, browser_user, console, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # the listed receiver is on loopback
    world = _world(browser_user)
    problems: list[str] = []

    def new_page() -> Page:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(CSP_LISTENER)
        context.on("page", console.watch)
        return context.new_page()

    anonymous = new_page()
    _check(anonymous, world.anonymous_pages, problems)
    _check(anonymous, world.client_pages, problems)

    consultant = new_page()
    sign_in(consultant, "dana")
    _check(consultant, world.consultant_pages, problems)

    UserFactory(username="support", is_staff=True, is_superuser=True)
    staff = new_page()
    staff.goto("/admin/login/")
    staff.get_by_label("Username").fill("support")
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name="Log in").click()
    _check(staff, world.admin_pages, problems)

    assert not problems, "\n".join(problems)
    # The not-found page's own 404 is expected; the browser reports it as a console error.
    console.errors = [e for e in console.errors if not e.startswith(live_server.url + NOT_FOUND)]
    console.assert_clean()
