"""The client's guided review in real Chromium: the navigator's progress moves as sections
are marked reviewed; a comment on one element is placed beside it; Request changes keeps
the reason; Approve asks to confirm, naming the version, and records the typed name; on a
phone the decision bar is always at hand. With the keyboard alone and as a screen reader
reads it: every control of the review has a name, and Tab reaches the decision."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from reviews.models import Approval, Feedback
from tests.browser.conftest import CSP_LISTENER, TIMEOUT_MS, northwind_under_review
from tests.browser.test_keyboard_and_names import CONTROLS, _ax_nodes, _focused

pytestmark = pytest.mark.browser


def _link(user: Any) -> str:
    _project, invitation = northwind_under_review(user)
    return f"/r/{invitation.token}/v1/"


def _client(browser, live_server, console, width: int) -> Page:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900 if width > 500 else 800}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(CSP_LISTENER)
    context.on("page", console.watch)
    return context.new_page()


def test_guided_review_journey(browser, live_server, browser_user, console):
    url = _link(browser_user)
    client = _client(browser, live_server, console, 1366)
    client.goto(url)
    guide = client.get_by_role("navigation", name="Sections")
    total = int(re.search(r"0 of (\d+) reviewed", guide.inner_text()).group(1))
    assert total >= 10

    # Progress: mark the executive summary reviewed, and the page goes on to the next section.
    client.get_by_role("button", name=re.compile(r"^Mark reviewed and go on to 2\.")).click()
    expect(client).to_have_url(re.compile(r"#sec-summary$"))
    expect(guide).to_contain_text(f"1 of {total} reviewed")
    expect(guide.locator("li.is-read")).to_have_count(1)
    expect(guide.locator("li.is-read")).to_contain_text("1. Executive summary")
    progress = client.get_by_role("progressbar", name="Sections reviewed")
    expect(progress).to_have_attribute("aria-valuenow", "1")

    # A comment about one element of the tools section, placed beside that element.
    comments = client.locator("#comments-tools")
    comments.locator("summary", has_text="Comment on").click()
    about = comments.get_by_label("About")
    option = about.locator("option").nth(1)
    element_title = option.inner_text().strip()
    about.select_option(index=1)
    comments.get_by_label("Your comment").fill("Why this platform rather than ours?")
    comments.get_by_role("button", name="Post comment").click()
    thread = client.locator(".comment-thread", has_text="Why this platform rather than ours?")
    expect(thread).to_be_visible()
    placed = thread.evaluate(
        """t => ({parent: t.parentElement.className,
                  before: (t.parentElement.previousElementSibling || {}).id || "",
                  inside: !!t.closest('#sec-tools')})"""
    )
    assert placed["parent"] == "anchored-comments", placed
    assert placed["inside"], placed
    expect(thread).to_contain_text(element_title)

    # Request changes: the reason is kept as the reviewer's answer.
    client.get_by_role("link", name="Approve or request changes").first.click()
    expect(client.get_by_role("heading", name="Your decision on v1")).to_be_in_viewport()
    client.get_by_label("What should change, and why").fill("Staffing is thin for Mondays.")
    client.get_by_role("button", name="Request changes").click()
    expect(client.get_by_text("Your request for changes was sent")).to_be_visible()
    feedback = Feedback.objects.get()
    assert feedback.alignment_comment == "Staffing is thin for Mondays."
    assert feedback.changes_requested_at is not None

    # Approve: the browser asks to confirm, naming the version; dismissed, nothing happens.
    client.get_by_label("Type your full name to sign").fill("Rita Ortiz")
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    client.once("dialog", dismiss)
    client.get_by_role("button", name="Approve v1").click()
    assert asked
    assert asked[0].startswith("Approve v1 of the proposal for Northwind Cloud?")
    assert not Approval.objects.exists()
    client.once("dialog", lambda dialog: dialog.accept())
    client.get_by_role("button", name="Approve v1").click()
    expect(client.get_by_text("signed “Rita Ortiz”", exact=False)).to_be_visible()
    assert Approval.objects.get().typed_name == "Rita Ortiz"
    console.assert_clean()


def test_on_a_phone_the_decision_is_always_at_hand(browser, live_server, browser_user, console):
    url = _link(browser_user)
    client = _client(browser, live_server, console, 390)
    client.goto(url)
    # The list of sections starts folded; the decision bar stays on screen while reading.
    assert client.locator("details.guide-sections").evaluate("d => d.open") is False
    bar = client.locator(".decision-bar")
    client.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    expect(bar).to_be_in_viewport()
    bar.click()
    expect(client.get_by_role("heading", name="Your decision on v1")).to_be_in_viewport()
    assert client.evaluate("document.documentElement.scrollWidth") <= 390
    console.assert_clean()


def test_the_review_with_the_keyboard_and_a_screen_reader(
    browser, live_server, browser_user, console
):
    url = _link(browser_user)
    client = _client(browser, live_server, console, 1366)
    client.goto(url)
    nodes = _ax_nodes(client)
    nameless = [n for n in nodes if n["role"] in CONTROLS and not n["name"].strip()]
    assert not nameless, nameless
    described = [n for n in nodes if "The link was sent to Rita Ortiz." in n["description"]]
    assert described, "the typed-name field is not described by its help"
    # Tab from the top reaches the decision through the navigator, each stop with a ring.
    seen: list[str] = []
    for _ in range(60):
        client.keyboard.press("Tab")
        focused = _focused(client)
        assert focused["tag"] != "body", f"focus fell to the page after {seen[-3:]}"
        assert focused["outline"] != "none", focused
        seen.append(focused["text"][:40])
        if focused["text"] == "Approve or request changes":
            break
    else:
        pytest.fail(f"Tab never reached the decision: {seen}")
    client.keyboard.press("Enter")
    expect(client).to_have_url(re.compile(r"#decision$"))
    client.keyboard.press("Tab")
    # The first control of the decision, reached from its anchor.
    for _ in range(8):
        if _focused(client)["id"] == "typed-name":
            break
        client.keyboard.press("Tab")
    assert _focused(client)["id"] == "typed-name", seen
    client.keyboard.type("Rita Ortiz")
    client.once("dialog", lambda dialog: dialog.accept())
    with client.expect_navigation():
        client.keyboard.press("Enter")
    expect(client.locator("#decision")).to_contain_text("signed “Rita Ortiz”")
    console.assert_clean()
