"""The wizard with the keyboard alone and as a screen reader reads it: every control is
reached by Tab with a visible focus ring, every input has a name and is described by its
help (and by its error once there is one), and after a step change the focus is on the new
step's heading, the page is at the top and the window title names the step. Also the
collapsing navigation on a phone, with and without JavaScript."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from discovery import scenarios, services
from discovery.bank import BANK
from tests.browser.conftest import CSP_LISTENER, TIMEOUT_MS, sign_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser

CONTROLS = {"textbox", "checkbox", "radio", "spinbutton", "combobox", "button", "link"}


def _ax_nodes(page: Page) -> list[dict[str, Any]]:
    """Chromium's accessibility tree (what a screen reader is given): role, name and
    description of every node that is not ignored."""
    session = page.context.new_cdp_session(page)
    try:
        tree = session.send("Accessibility.getFullAXTree")
    finally:
        session.detach()
    nodes = []
    for node in tree["nodes"]:
        if node.get("ignored"):
            continue
        nodes.append(
            {
                "role": (node.get("role") or {}).get("value", ""),
                "name": (node.get("name") or {}).get("value", ""),
                "description": (node.get("description") or {}).get("value", ""),
                "id": node.get("backendDOMNodeId"),
            }
        )
    return nodes


def _project(user: Any) -> Any:
    organization = user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=user)
    return project


def test_every_wizard_control_has_a_name_and_its_help(page: Page, browser_user, console):
    project = _project(browser_user)
    sign_in(page, "dana")
    for step in BANK.steps:
        page.goto(f"/projects/{project.pk}/discovery/{step.slug}/")
        nodes = _ax_nodes(page)
        nameless = [n for n in nodes if n["role"] in CONTROLS and not n["name"].strip()]
        assert not nameless, (step.slug, nameless)
        for question in step.questions:
            if not question.help:
                continue
            if not page.locator(f"#{question.html_id}:not([hidden])").count():
                continue  # a follow-up that does not apply here
            described = [n for n in nodes if question.help in n["description"]]
            assert described, f"{question.id}: no control is described by its help"
    console.assert_clean()


def test_a_save_error_is_tied_to_its_input(page: Page, browser_user, console):
    project = _project(browser_user)
    sign_in(page, "dana")
    page.goto(f"/projects/{project.pk}/discovery/context/")
    question = BANK.questions["context.team_size"]
    box = page.locator(f"#{question.html_id} input[name='context.team_size']")
    box.fill("three people")
    box.press("Tab")
    error = page.locator(f"#{question.html_id} .q-feedback .error")
    expect(error).to_be_visible()
    expect(box).to_have_attribute("aria-invalid", "true")
    [node] = [
        n
        for n in _ax_nodes(page)
        if n["role"] == "textbox" and n["name"].startswith(question.label)
    ]
    assert error.inner_text() in node["description"]
    # Fixed, it is valid again.
    box.fill("4")
    box.press("Tab")
    expect(page.locator(f"#{question.html_id} .q-feedback")).to_have_text("✓ Saved")
    expect(box).not_to_have_attribute("aria-invalid", "true")
    console.assert_clean()


def _focused(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim(),
                  outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                  shadow: style.boxShadow};
        }"""
    )


def test_keyboard_alone_goes_through_the_wizard(page: Page, browser_user, console):
    project = _project(browser_user)
    sign_in(page, "dana")
    page.goto(f"/projects/{project.pk}/discovery/objective/")
    # Tab from the top: the skip link first, then every control shows its focus.
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    seen: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["tag"] != "body", f"focus fell to the page after {seen[-3:]}"
        assert focused["outline"] != "none", focused
        assert focused["width"] >= 2, focused
        seen.append(focused["text"][:40] or focused["id"])
        if focused["text"].startswith("Next: "):
            break
    else:
        pytest.fail(f"Tab never reached Next: {seen}")
    # Next with the keyboard: focus on the new heading, at the top, title updated.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.rsplit('/discovery/', 1)[0]}/discovery/context/")
    expect(page.locator("#step-title")).to_have_text("Current operational context")
    expect(page.locator("#step-title")).to_be_focused()
    assert page.evaluate("window.scrollY") == 0
    expect(page).to_have_title("Current operational context · Northwind Cloud · Support Blueprint")
    # A step link in the side navigation, with the keyboard.
    link = page.get_by_role("navigation", name="Discovery steps").get_by_role(
        "link", name="Target audience"
    )
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#step-title")).to_have_text("Target audience")
    expect(page.locator("#step-title")).to_be_focused()
    expect(page).to_have_title("Target audience · Northwind Cloud · Support Blueprint")
    # Back, and the review.
    page.get_by_role("button", name="← Back: Current operational context").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#step-title")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Current operational context · "))
    console.assert_clean()


def test_the_menu_collapses_on_a_phone(browser, live_server, browser_user, console):
    for javascript in (True, False):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 390, "height": 800},
            java_script_enabled=javascript,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(CSP_LISTENER)
        context.on("page", console.watch)
        page = context.new_page()
        sign_in(page, "dana")
        notifications = page.get_by_role("link", name="Notifications")
        if javascript:
            toggle = page.get_by_role("button", name="Menu")
            expect(notifications).to_be_hidden()
            expect(toggle).to_have_attribute("aria-expanded", "false")
            toggle.click()
            expect(toggle).to_have_attribute("aria-expanded", "true")
            expect(notifications).to_be_visible()
            page.keyboard.press("Escape")
            expect(notifications).to_be_hidden()
            expect(toggle).to_be_focused()
        else:
            # Without scripts there is no button to press: the links are simply there.
            expect(page.get_by_role("button", name="Menu")).to_be_hidden()
            expect(notifications).to_be_visible()
            notifications.click()
            expect(page).to_have_url(f"{live_server.url}/notifications/")
        context.close()
    console.assert_clean()
