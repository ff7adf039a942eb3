"""The review loop in real Chromium: the consultant publishes v1 and invites a reviewer;
the client, in a separate browser context with no account, comments on two sections and
answers "partly" with a new challenge; the consultant resolves a comment, turns the
challenge into a requirement, regenerates and publishes v2; the client reads the diff and
approves; the consultant sees the approval and the unread indicator."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from discovery import scenarios, services
from discovery.models import Project
from requirements_app.models import Requirement
from reviews.models import Approval, Comment, Feedback
from tests.browser.conftest import CSP_LISTENER, TIMEOUT_MS, publish_through_check, sign_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser


def test_review_journey(page: Page, browser, live_server, browser_user, console):
    organization = browser_user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=browser_user)

    # The consultant publishes v1 and invites the client's reviewer.
    sign_in(page, "dana")
    page.goto(f"/projects/{project.pk}/proposal/")
    publish_through_check(page, "Publish v1")
    expect(page.get_by_role("heading", name="Proposal v1", level=1)).to_be_visible()
    page.get_by_role("link", name="Reviewers, feedback and publishing").click()
    page.get_by_label("Name").fill("Rita Ortiz")
    page.get_by_label("Email").fill("rita@northwind.example")
    page.get_by_role("button", name="Invite and email the link").click()
    link = page.locator("#new-link").input_value()
    assert "/r/" in link

    # The client, in a separate context: no session, only the link.
    client_context = browser.new_context(viewport={"width": 1280, "height": 900})
    client_context.set_default_timeout(TIMEOUT_MS)
    client_context.add_init_script(CSP_LISTENER)
    client_context.on("page", console.watch)
    client = client_context.new_page()
    response = client.goto(link)
    assert response is not None
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    expect(client.get_by_text("Hello Rita Ortiz.")).to_be_visible()
    # The document's cover: the project's name, for the client.
    expect(client.get_by_role("heading", name=project.name, level=1)).to_be_visible()
    expect(client.locator(".doc-client")).to_contain_text("for Northwind Cloud")

    for key, text in (
        ("summary", "Please mention the 2,400 customer accounts up front."),
        ("tools", "Why Zendesk rather than Freshdesk?"),
    ):
        comments = client.locator(f"#comments-{key}")
        comments.locator("summary", has_text="Comment on").click()
        comments.get_by_label("Your comment").fill(text)
        comments.get_by_role("button", name="Post comment").click()
        expect(client.locator(f"#comments-{key}")).to_contain_text(text)
        expect(client.get_by_text("your comment was sent")).to_be_visible()

    client.get_by_label("Partly").check()
    client.get_by_label("Tell us more (optional)").fill(
        "The workflow looks right; staffing is thin."
    )
    client.get_by_label("Is there any other challenge I should consider?").fill(
        "Our agents work across two time zones."
    )
    client.get_by_role("button", name="Send my answers").click()
    expect(client.get_by_text("your answers were sent")).to_be_visible()
    assert Feedback.objects.get().alignment == "partly"

    # The consultant: the unread indicator, resolve a comment, the challenge into a requirement.
    page.goto(f"/projects/{project.pk}/proposal/v1/")
    expect(page.locator(".notif-badge [aria-hidden=true]")).to_have_text("3")
    tools = page.locator("#comments-tools")
    expect(tools).to_contain_text("Why Zendesk rather than Freshdesk?")
    tools.get_by_role("button", name="Resolve").click()
    expect(page.locator("#comments-tools .status-badge")).to_have_text("Resolved")
    assert Comment.objects.get(section="tools").resolved_at is not None

    page.goto(f"/projects/{project.pk}/proposal/")
    feedback = page.locator(".feedback-item", has_text="Rita Ortiz")
    expect(feedback).to_contain_text("Partly")
    feedback.get_by_label("Category").select_option(label="Ticket management")
    feedback.get_by_role("button", name="Make it a requirement").click()
    expect(page.get_by_text(re.compile(r"Requirement FR-MAN-\d+ added"))).to_be_visible()
    requirement = Requirement.objects.get(project=project, origin="manual")
    assert requirement.title == "Our agents work across two time zones."

    page.goto(f"/projects/{project.pk}/framework/")
    page.get_by_role("button", name=re.compile("Regenerate|Generate")).first.click()
    page.goto(f"/projects/{project.pk}/proposal/")
    page.get_by_label(re.compile("What changed since v1")).fill(
        "Added the two-time-zone requirement."
    )
    publish_through_check(page, "Publish v2")
    expect(page.get_by_role("heading", name="Proposal v2", level=1)).to_be_visible()
    # v1's comments show on v2: one carried over, one addressed.
    expect(page.locator("#comments-summary")).to_contain_text("carried over")
    expect(page.locator("#comments-tools")).to_contain_text("addressed")

    # The client sees v2, reads what changed, and approves.
    client.goto(link)
    expect(client.locator(".version-pill.active")).to_have_text("v2")
    client.get_by_role("link", name="What changed since v1").first.click()
    expect(client.locator("#diff-requirements")).to_contain_text(
        "Our agents work across two time zones."
    )
    expect(client.locator("#diff-requirements")).to_contain_text("Added")
    client.get_by_role("link", name="Back to v2").click()
    client.get_by_label("Type your full name to sign").fill("Rita Ortiz")
    client.once("dialog", lambda dialog: dialog.accept())
    client.get_by_role("button", name="Approve v2").click()
    expect(client.get_by_text("You approved v2", exact=False).first).to_be_visible()
    approval = Approval.objects.get()
    assert approval.reviewer_name == "Rita Ortiz"
    assert approval.typed_name == "Rita Ortiz"
    assert approval.version.number == 2

    # The consultant sees the approval.
    page.goto(f"/projects/{project.pk}/proposal/")
    expect(page.locator("#h-approvals + ul")).to_contain_text("Rita Ortiz")
    expect(page.locator("#h-approvals + ul")).to_contain_text("v2")
    expect(page.locator(".notif-badge")).to_be_visible()
    page.get_by_role("link", name=re.compile("Notifications")).click()
    expect(page.locator(".notification-list")).to_contain_text("Rita Ortiz approved v2")
    project.refresh_from_db()
    assert project.stage == Project.Stage.APPROVED

    client_context.close()
    console.assert_clean()
