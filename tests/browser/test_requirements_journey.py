"""Requirements in real Chromium: edit inline, follow the trace back to the wizard, change
the answer, and find the requirement marked for review with the edit kept."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from discovery import scenarios, services
from requirements_app.models import Requirement
from tests.browser.conftest import sign_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser


def test_edit_trace_and_review(page: Page, browser_user, console):
    organization = browser_user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=browser_user)
    sign_in(page, "dana")

    page.goto(f"/projects/{project.pk}/requirements/")
    expect(page.get_by_role("heading", name="Requirements", level=1)).to_be_visible()
    # The customer-organizations requirement quotes the number of accounts.
    card = page.locator("article.req-card", has_text="FR-TKT-008")
    expect(card).to_contain_text("2,400 accounts")

    # Inline edit: the card turns into a form in place, without a page load.
    card.get_by_role("link", name="Edit").click()
    editor = page.locator("article.req-card.editing")
    expect(editor).to_be_visible()
    editor.get_by_label("Title").fill("Customer organizations, with VIP accounts first")
    editor.get_by_label("Priority").select_option("should")
    editor.get_by_role("button", name="Save").click()
    card = page.locator("article.req-card", has_text="FR-TKT-008")
    expect(card).to_contain_text("✓ Saved")
    expect(card).to_contain_text("Customer organizations, with VIP accounts first")
    expect(card).to_contain_text("Edited")
    requirement = Requirement.objects.get(project=project, code="FR-TKT-008")
    assert requirement.title == "Customer organizations, with VIP accounts first"
    assert requirement.priority == "should"
    assert set(requirement.edited_fields) == {"title", "priority"}

    # Follow the trace back to the question that put it there.
    card.locator("summary", has_text="Why").click()
    link = card.locator("a.trace-link", has_text="How many customer accounts")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(
        re.compile(rf"/projects/{project.pk}/discovery/audience/#q-audience-accounts$")
    )
    accounts = page.locator("#f-q-audience-accounts")
    expect(accounts).to_have_value("2400")

    # Change the answer; autosave stores it.
    with page.expect_response(lambda r: r.url.endswith("/discovery/save/")) as saved:
        accounts.fill("3100")
        accounts.blur()
    assert saved.value.ok
    expect(page.locator("#q-audience-accounts .q-feedback")).to_contain_text("Saved")

    # Back on the requirements: marked for review, showing what changed; the edit is kept.
    page.goto(f"/projects/{project.pk}/requirements/")
    card = page.locator("article.req-card", has_text="FR-TKT-008")
    expect(card.locator(".mark-review")).to_be_visible()
    expect(card.locator(".mark-detail")).to_contain_text("2,400")
    expect(card.locator(".mark-detail")).to_contain_text("3,100")
    expect(card).to_contain_text("Customer organizations, with VIP accounts first")
    expect(card.locator(".mark-detail")).to_contain_text("The description was updated")

    # The consultant has seen it: clear the mark in place.
    card.get_by_role("button", name="Clear mark").click()
    expect(card.locator(".mark-review")).to_have_count(0)
    requirement.refresh_from_db()
    assert requirement.mark == ""
    assert requirement.title == "Customer organizations, with VIP accounts first"
    console.assert_clean()
