"""Two tabs changing the same answer, in real Chromium: the stale one is told, keeps its
text, and chooses (issue 14, item 2); with JavaScript (autosave) and without (the plain
step form)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from discovery.models import Answer
from discovery.services import project_create
from tests.browser.conftest import sign_in
from tests.browser.test_discovery_journey import field, question, type_into

pytestmark = pytest.mark.browser

QID = "objective.challenge_detail"


def stored(project):
    return Answer.objects.get(project=project, question_id=QID).value


def _project(user):
    return project_create(
        organization=user.memberships.get().organization,
        name="Support desk",
        client_name="Northwind",
        user=user,
    )


def test_two_tabs_autosaving_the_same_answer(context, browser_user, console):
    first = context.new_page()
    sign_in(first, browser_user.username)
    project = _project(browser_user)
    url = f"/projects/{project.pk}/discovery/objective/"
    first.goto(url)
    second = context.new_page()
    second.goto(url)

    type_into(first, QID, "Tickets wait two days.")
    # The second tab never saw that: its own typing is refused, visibly, and kept.
    field(second, QID).fill("Customers wait on hold.")
    conflict = question(second, QID).locator(".conflict")
    expect(conflict).to_contain_text(
        re.compile(r"Not saved: changed in another tab at \d\d:\d\d\.")
    )
    expect(conflict.locator(".conflict-theirs")).to_have_text("Tickets wait two days.")
    expect(field(second, QID)).to_have_value("Customers wait on hold.")
    assert stored(project) == "Tickets wait two days."

    # Keep mine: the second tab's text goes in, and the page says so.
    conflict.get_by_role("button", name="Keep mine").click()
    expect(second.locator("#wizard .alert-success")).to_have_text("Answers saved.")
    expect(field(second, QID)).to_have_value("Customers wait on hold.")
    assert stored(project) == "Customers wait on hold."

    # Now the first tab is the stale one; it takes the other version.
    field(first, QID).fill("Tickets wait two days, sometimes three.")
    conflict = question(first, QID).locator(".conflict")
    expect(conflict.locator(".conflict-theirs")).to_have_text("Customers wait on hold.")
    conflict.get_by_role("button", name="Take theirs").click()
    expect(field(first, QID)).to_have_value("Customers wait on hold.")
    expect(question(first, QID).locator(".conflict")).to_have_count(0)
    # …and saves normally from there.
    type_into(first, QID, "Customers wait on hold for 20 minutes.")
    assert stored(project) == "Customers wait on hold for 20 minutes."
    console.assert_clean()


def test_two_tabs_without_javascript(browser, live_server, browser_user):
    project = _project(browser_user)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        first: Page = context.new_page()
        sign_in(first, browser_user.username)
        url = f"/projects/{project.pk}/discovery/objective/"
        first.goto(url)
        second = context.new_page()
        second.goto(url)

        field(first, QID).fill("Tickets wait two days.")
        first.get_by_role("button", name="Save", exact=True).click()
        expect(first.locator(".alert-success")).to_have_text("Answers saved.")

        field(second, QID).fill("Customers wait on hold.")
        second.get_by_role("button", name=re.compile("^Next")).click()
        # Not moved on: both versions on the page, the second tab's text in its field.
        expect(second).to_have_url(re.compile(r"/discovery/objective/$"))
        conflict = question(second, QID).locator(".conflict")
        expect(conflict).to_contain_text("Not saved: changed in another tab at")
        expect(conflict.locator(".conflict-theirs")).to_have_text("Tickets wait two days.")
        expect(field(second, QID)).to_have_value("Customers wait on hold.")
        assert stored(project) == "Tickets wait two days."

        conflict.get_by_role("button", name="Keep mine").click()
        expect(second.locator(".alert-success")).to_have_text("Answers saved.")
        assert stored(project) == "Customers wait on hold."
    finally:
        context.close()
