"""The stale banner and the publish confirmation in real Chromium: the framework page says
it is out of date after an answer changes, names the answer and regenerates from its own
button; the one publish form of a project with discovery incomplete says how complete it
is, links each unanswered question to the wizard, shows the proposal check's findings
with their overrides, and publishes in one submit once 'Publish anyway' is ticked.

With SCREENSHOTS_DIR set, the publish form is saved at 1366 px and 390 px wide."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from discovery import scenarios, services
from frameworks.services import framework_generate
from reviews.models import CheckOverride, ProposalVersion
from tests.browser.conftest import OVERRIDE_REASON, sign_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser


def _shoot(page: Page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.locator("#publish-form").scroll_into_view_if_needed()
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_the_stale_banner_names_the_change_and_regenerates(page: Page, browser_user, console):
    organization = browser_user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=browser_user)
    framework_generate(project=project, user=browser_user)
    sign_in(page, "dana")
    page.goto(f"/projects/{project.pk}/framework/")
    expect(page.locator(".stale-banner")).to_have_count(0)
    services.answers_load(project=project, answers={"context.coverage": "24x7"}, user=browser_user)
    page.reload()
    banner = page.get_by_role("status").filter(has_text="This framework is out of date")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("1 answer changed:")
    banner.get_by_role("button", name="Regenerate now").click(timeout=60_000)
    expect(page.get_by_text("Framework generated (generation 2)")).to_be_visible(timeout=60_000)
    expect(page.locator(".stale-banner")).to_have_count(0)
    console.assert_clean()


def test_publishing_an_incomplete_discovery_asks_to_confirm(page: Page, browser_user, console):
    organization = browser_user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Verde Shop")
    answers = {k: v for k, v in scenarios.VERDE.items() if k.startswith("objective.")}
    # A placeholder where the tool's name goes: the check always blocks on it.
    answers |= {"context.tools": ["other"], "context.tools_other": "TBD"}
    services.answers_load(project=project, answers=answers, user=browser_user)
    framework_generate(project=project, user=browser_user)
    sign_in(page, "dana")
    page.goto(f"/projects/{project.pk}/proposal/")
    form = page.locator("#publish-form")
    discovery = form.locator("#publish-discovery")
    expect(discovery).to_contain_text(re.compile(r"Discovery is \d+% complete\."))
    expect(discovery).to_contain_text("Not covered in discovery yet")
    check = form.locator("#publish-check")
    expect(check).to_contain_text(re.compile(r"finds \d+ blocking finding"))
    expect(check).to_contain_text("“TBD” is a placeholder")
    _shoot(page, "publish-form")

    # Each finding overridden with its reason, but no confirmation: the browser keeps the
    # form (the box is required) and nothing is published.
    for box in check.locator("input[name='override']").all():
        box.check()
    for reason in check.locator("textarea").all():
        reason.fill(OVERRIDE_REASON)
    button = page.get_by_role("button", name="Publish v1 with the overrides ticked")
    button.click()
    expect(page.get_by_label("Publish anyway, with discovery")).not_to_be_checked()
    assert not ProposalVersion.objects.filter(project=project).exists()

    # A gap's link opens its question in the wizard.
    first_gap = discovery.get_by_role("link").first
    label = first_gap.inner_text()
    href = first_gap.get_attribute("href") or ""
    assert href.startswith(f"/projects/{project.pk}/discovery/")

    page.get_by_label("Publish anyway, with discovery").check()
    button.click(timeout=60_000)
    expect(page.get_by_role("heading", name="Proposal v1", level=1)).to_be_visible(timeout=60_000)
    assert ProposalVersion.objects.filter(project=project).count() == 1
    assert CheckOverride.objects.filter(version__project=project, reason=OVERRIDE_REASON).exists()

    page.goto(href)
    expect(page.get_by_text(label).first).to_be_visible()
    console.assert_clean()
