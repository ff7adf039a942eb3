"""The proposal check in real Chromium: the framework page's findings panel links to the
element; Publish stops on blocking findings, refuses an override without a reason, and
publishes with one, which the version page then shows to the consultant.

With SCREENSHOTS_DIR set, the panel, the stopped Publish and the record are saved at
1366 px and 390 px wide, for a person to look at."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from discovery import scenarios, services
from reviews.models import CheckOverride
from tests.browser.conftest import sign_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser

REASON = "The client calls its tool TBD internally; agreed on the kick-off call."
# A consultant typed a placeholder where the tool's name goes: the check always flags it.
ANSWERS = {
    **scenarios.NORTHWIND,
    "context.tools": ["other"],
    "context.tools_other": "TBD",
    "context.tool_fate": "replace",
}


def _shoot(page: Page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=False)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_publish_gate(page: Page, live_server, browser_user, console):
    organization = browser_user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=ANSWERS, user=browser_user)
    sign_in(page, "dana")

    # The framework page: the findings panel, each finding a link to its element.
    page.goto(f"/projects/{project.pk}/framework/")
    # Generating and checking a whole framework takes longer than a click on a busy machine.
    page.get_by_role("button", name=re.compile("Generate")).first.click(timeout=60_000)
    panel = page.locator("#proposal-check")
    expect(panel).to_contain_text(re.compile(r"\d+ blocking finding"), timeout=60_000)
    expect(panel).to_contain_text("“TBD” is a placeholder")
    panel.scroll_into_view_if_needed()
    _shoot(page, "check-panel")
    finding = panel.locator("li", has_text="“TBD” is a placeholder").first
    finding.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"#el-summarycontext$"))
    expect(page.locator("#el-summarycontext")).to_be_in_viewport()

    # Publish stops and says why; an override without a reason is refused.
    page.goto(f"/projects/{project.pk}/proposal/")
    expect(page.locator(".publish-check-summary")).to_contain_text("blocking")
    page.get_by_label("A note for the client (optional)").fill("First proposal.")
    page.get_by_role("button", name="Publish v1").click(timeout=60_000)
    expect(page.locator(".publish-refused")).to_contain_text("Not published")
    blocked = page.locator(".publish-blocked")
    expect(blocked).to_contain_text("“TBD” is a placeholder")
    expect(page.get_by_label("A note for the client (optional)")).to_have_value("First proposal.")
    _shoot(page, "publish-blocked")
    for box in blocked.locator("input[name='override']").all():
        box.check()
    page.get_by_role("button", name="Publish v1 with the overrides ticked").click(timeout=60_000)
    expect(page.locator(".publish-blocked .invalid-feedback").first).to_contain_text("Say why")

    # With a reason for each, it publishes, and the version page keeps the record.
    for reason in page.locator(".publish-blocked textarea").all():
        reason.fill(REASON)
    page.get_by_role("button", name="Publish v1 with the overrides ticked").click(timeout=60_000)
    expect(page.get_by_role("heading", name="Proposal v1", level=1)).to_be_visible()
    record = page.locator("#check-record")
    expect(record).to_contain_text("Published anyway by")
    expect(record).to_contain_text(REASON)
    record.scroll_into_view_if_needed()
    _shoot(page, "check-record")
    assert CheckOverride.objects.filter(version__project=project, reason=REASON).exists()
    console.assert_clean()
