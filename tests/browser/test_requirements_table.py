"""The requirements' compact table in real Chromium: search as one types, filter, tick
requirements (one box ticks the page), dismiss them after a confirmation that names them
and asks why, undo it, and edit a requirement's acceptance criteria.

With SCREENSHOTS_DIR set, the table and the confirmation are saved at 1366 px and 390 px."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from discovery import scenarios, services
from requirements_app.models import Requirement
from requirements_app.services import requirements_sync
from tests.browser.conftest import sign_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser


def _shoot(page: Page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, (name, width, wide)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_table_search_bulk_dismiss_undo_and_criteria(page: Page, browser_user, console):
    organization = browser_user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=browser_user)
    requirements_sync(project=project)
    live = Requirement.objects.filter(project=project, dismissed=False).count()
    sign_in(page, "dana")

    page.goto(f"/projects/{project.pk}/requirements/")
    page.get_by_role("link", name="Table").click()
    table = page.locator("table.req-table")
    expect(table.locator("tbody tr")).to_have_count(min(live, 50))
    _shoot(page, "requirements-table")

    # Search as one types: the table narrows without a page load.
    page.get_by_label("Search").fill("tickets")
    expect(page).to_have_url(re.compile(r"[?&]q=tickets"))
    matching = [
        r
        for r in Requirement.objects.filter(project=project, dismissed=False)
        if "tickets"
        in " ".join((r.code, r.title, r.description, r.rationale, *r.acceptance_criteria)).lower()
    ]
    expect(page.locator("table.req-table tbody tr")).to_have_count(len(matching))
    page.get_by_label("Search").fill("")
    page.get_by_label("Priority").select_option("must")
    musts = Requirement.objects.filter(project=project, dismissed=False, priority="must")
    expect(page.locator("table.req-table tbody tr")).to_have_count(musts.count())

    # Tick the page, untick all but two, and dismiss them after the confirmation.
    page.get_by_label("Tick every requirement on this page").check()
    boxes = page.locator("table.req-table tbody input[name='ids']")
    for index in range(2, boxes.count()):
        boxes.nth(index).uncheck()
    expect(page.locator("[data-selected-count]")).to_have_text("2 ticked")
    chosen = [int(boxes.nth(i).get_attribute("value") or 0) for i in range(2)]
    page.get_by_role("button", name="Dismiss…").click()
    expect(page.get_by_role("heading", name="Dismiss 2 requirements?")).to_be_visible()
    _shoot(page, "requirements-bulk-confirm")
    page.get_by_role("button", name="Dismiss 2 requirements").click()
    # The reason is required: the browser keeps the page.
    expect(page.get_by_role("heading", name="Dismiss 2 requirements?")).to_be_visible()
    page.get_by_label("Why they do not apply").fill("Handled by the client's CRM team.")
    page.get_by_role("button", name="Dismiss 2 requirements").click()
    undo = page.locator(".undo-bar")
    expect(undo).to_contain_text("2 requirements dismissed")
    expect(page.get_by_label("Priority")).to_have_value("must")
    assert Requirement.objects.filter(pk__in=chosen, dismissed=True).count() == 2
    undo.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("2 requirements restored")).to_be_visible()
    assert not Requirement.objects.filter(pk__in=chosen, dismissed=True).exists()

    # Acceptance criteria, one a line, from the row's Edit.
    first = Requirement.objects.get(pk=chosen[0])
    page.locator(f"#req-{first.pk}").get_by_role("link", name="Edit").click()
    criteria = page.get_by_label("Acceptance criteria")
    criteria.fill("Agents see the account on every ticket.\nVIP accounts are routed first.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"{first.code} saved.")).to_be_visible()
    first.refresh_from_db()
    assert first.acceptance_criteria == [
        "Agents see the account on every ticket.",
        "VIP accounts are routed first.",
    ]
    console.assert_clean()
