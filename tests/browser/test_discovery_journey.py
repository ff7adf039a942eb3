"""The discovery wizard driven through real Chromium: autosave, follow-ups, navigation,
reload, the back button, inline errors, two tabs and the no-JavaScript path."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Locator, Page, expect

from discovery.bank import BANK
from discovery.models import Answer, Project
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SAVED = "✓ Saved"

# Every question the journey answers, follow-ups included.
ANSWERED = {
    *("objective.challenge", "objective.repetitive_tasks", "objective.repetitive_share"),
    *("objective.challenge_detail", "objective.timeline"),
    *("context.tools", "context.tool_fate", "context.channels", "context.volume_email"),
    *("context.volume_phone", "context.phone_aht", "context.team_size", "context.coverage"),
    *("audience.type", "audience.market", "audience.users", "audience.languages"),
    "audience.regions",
    *("metrics.kpis", "metrics.csat.baseline", "metrics.csat.target", "metrics.csat.horizon"),
    "metrics.results_short",
    *("scale.org_size", "scale.volume_now", "scale.volume_12m", "scale.peak_factor"),
    *("scale.availability", "scale.budget", "scale.deployment", "scale.compliance"),
    *("scale.data_residency", "scale.obligations"),
    *("integrations.crm", "integrations.erp", "integrations.communication"),
    *("integrations.communication_uses", "integrations.identity"),
}


# --- helpers ------------------------------------------------------------------------------


def question(page: Page, qid: str) -> Locator:
    return page.locator(f"#{BANK.questions[qid].html_id}")


def field(page: Page, qid: str) -> Locator:
    """The text, number or textarea field of `qid`."""
    return question(page, qid).locator(f"[name='{qid}']:not([type=hidden])")


def autosaved(
    page: Page, qid: str, action: Callable[[], object], posted: str | None = None
) -> None:
    """Do `action` and wait until the autosave of `qid` has answered "✓ Saved".

    With `posted`, only a save that carried that value counts: a debounced save of the
    previous state that happens to answer during `action` must not be taken for this one.
    """

    def is_autosave_of(response) -> bool:
        if not response.url.endswith("/discovery/save/"):
            return False
        form = parse_qs(response.request.post_data or "", keep_blank_values=True)
        if form.get("question") != [qid]:
            return False
        return posted is None or posted in form.get(qid, [])

    with page.expect_response(is_autosave_of) as info:
        action()
    assert info.value.ok, f"autosave of {qid} answered {info.value.status}"
    expect(question(page, qid).locator(".q-feedback")).to_have_text(SAVED)


def tick(page: Page, qid: str, *labels: str) -> None:
    """Tick checkboxes (or pick a radio) of `qid` by their visible labels, one save each."""
    for label in labels:
        box = question(page, qid).get_by_label(label, exact=True)
        autosaved(page, qid, box.check, posted=box.get_attribute("value"))


def type_into(page: Page, qid: str, text: str) -> None:
    autosaved(page, qid, lambda: field(page, qid).fill(text), posted=text)


def go_next(page: Page, heading: str) -> None:
    page.get_by_role("button", name=re.compile(r"^(Next|Review answers)")).click()
    expect(page.locator("#wizard h1")).to_have_text(heading)


def answers(project: Project) -> dict[str, object]:
    return dict(Answer.objects.filter(project=project).values_list("question_id", "value"))


def create_project(page: Page, client: str, name: str) -> Project:
    page.get_by_role("link", name="New project").click()
    page.get_by_label("Client").fill(client)
    page.get_by_label("Project name").fill(name)
    page.get_by_label("Industry").fill("E-commerce")
    page.get_by_role("button", name="Create and start discovery").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/discovery/objective/$"))
    expect(page.locator("#wizard h1")).to_have_text("Overall objective")
    return Project.objects.get(client_name=client, name=name)


# --- the journey --------------------------------------------------------------------------


def test_discovery_journey(page: Page, browser_user, console):
    sign_in(page, browser_user.username)
    project = create_project(page, "Verde Shop", "Omnichannel support")
    base = f"/projects/{project.pk}/discovery"

    # 1. Objective: a multi-choice that reveals two follow-ups, an example suggestion, a radio.
    expect(question(page, "objective.repetitive_tasks")).to_be_hidden()
    tick(page, "objective.challenge", "Reduce response times")
    tick(page, "objective.challenge", "Automate repetitive tasks and improve team efficiency")
    expect(question(page, "objective.repetitive_tasks")).to_be_visible()
    expect(question(page, "objective.repetitive_share")).to_be_visible()
    tick(page, "objective.repetitive_tasks", "Order or delivery status")
    type_into(page, "objective.repetitive_share", "40")
    example = "Agents spend most of the day on password resets and order-status questions."
    autosaved(
        page,
        "objective.challenge_detail",
        question(page, "objective.challenge_detail").get_by_role("button", name=example).click,
        posted=example,
    )
    expect(field(page, "objective.challenge_detail")).to_have_value(example)
    tick(page, "objective.timeline", "Within 6 months")
    assert answers(project) == {
        "objective.challenge": ["reduce_response_times", "automate_repetitive"],
        "objective.repetitive_tasks": ["order_status"],
        "objective.repetitive_share": 40,
        "objective.challenge_detail": example,
        "objective.timeline": "half_year",
    }
    go_next(page, "Current operational context")
    expect(page).to_have_url(f"{page.url.split('/projects/')[0]}{base}/context/")

    # 2. Context: phone reveals volume and handle time; a bad number is an inline error.
    tick(page, "context.tools", "Zendesk")
    expect(question(page, "context.tool_fate")).to_be_visible()
    tick(page, "context.tool_fate", "Replace it")
    for hidden in ("context.volume_phone", "context.phone_aht", "context.volume_email"):
        expect(question(page, hidden)).to_be_hidden()
    tick(page, "context.channels", "Email", "Phone")
    for shown in ("context.volume_phone", "context.phone_aht", "context.volume_email"):
        expect(question(page, shown)).to_be_visible()
    type_into(page, "context.volume_email", "900")

    volume_phone = question(page, "context.volume_phone")
    with page.expect_response(lambda r: r.url.endswith("/discovery/save/")):
        field(page, "context.volume_phone").fill("lots")
    expect(volume_phone.locator(".q-feedback .error")).to_have_text(
        "Enter a whole number, such as 1200."
    )
    expect(field(page, "context.volume_phone")).to_have_value("lots")
    saved = answers(project)
    assert "context.volume_phone" not in saved
    assert saved["context.channels"] == ["email", "phone"]
    assert saved["context.volume_email"] == 900
    assert saved["objective.timeline"] == "half_year"
    type_into(page, "context.volume_phone", "1200")
    expect(volume_phone.locator(".q-feedback .error")).to_have_count(0)

    type_into(page, "context.phone_aht", "6.5")
    type_into(page, "context.team_size", "12")
    tick(page, "context.coverage", "Business hours on weekdays")

    # Reload in the middle of the step: everything typed is still there.
    page.reload()
    expect(page.locator("#wizard h1")).to_have_text("Current operational context")
    expect(question(page, "context.tools").get_by_label("Zendesk", exact=True)).to_be_checked()
    expect(question(page, "context.channels").get_by_label("Phone", exact=True)).to_be_checked()
    expect(question(page, "context.channels").get_by_label("Email", exact=True)).to_be_checked()
    expect(field(page, "context.volume_phone")).to_have_value("1200")
    expect(field(page, "context.phone_aht")).to_have_value("6.5")
    expect(field(page, "context.team_size")).to_have_value("12")
    expect(question(page, "context.tool_fate").get_by_label("Replace it")).to_be_checked()
    expect(question(page, "context.volume_chat")).to_be_hidden()

    # 3. Audience, reached through the left navigation.
    page.locator("nav#step-nav a", has_text="Target audience").click()
    expect(page.locator("#wizard h1")).to_have_text("Target audience")
    expect(page).to_have_url(re.compile(rf"{base}/audience/$"))
    tick(page, "audience.type", "End customers")
    expect(question(page, "audience.market")).to_be_visible()
    tick(page, "audience.market", "B2B")
    type_into(page, "audience.users", "5000")
    type_into(page, "audience.languages", "English, Portuguese")
    tick(page, "audience.regions", "Europe", "Latin America")

    # The browser's back button shows the previous step with its answers.
    page.go_back()
    expect(page).to_have_url(re.compile(rf"{base}/context/$"))
    expect(page.locator("#wizard h1")).to_have_text("Current operational context")
    expect(question(page, "context.channels").get_by_label("Phone", exact=True)).to_be_checked()
    expect(field(page, "context.volume_phone")).to_have_value("1200")
    page.go_forward()
    expect(page.locator("#wizard h1")).to_have_text("Target audience")
    expect(question(page, "audience.market").get_by_label("B2B")).to_be_checked()
    expect(field(page, "audience.users")).to_have_value("5000")
    go_next(page, "Success metrics")

    # 4. Metrics: picking a KPI reveals its baseline, target and horizon.
    tick(page, "metrics.kpis", "Customer satisfaction (CSAT)")
    expect(question(page, "metrics.csat.target")).to_be_visible()
    type_into(page, "metrics.csat.baseline", "78")
    type_into(page, "metrics.csat.target", "88")
    tick(page, "metrics.csat.horizon", "Medium term (3–12 months)")
    type_into(page, "metrics.results_short", "Every request is a ticket with an owner.")
    go_next(page, "Scalability and complexity")

    # 5. Scale: a compliance answer reveals data residency.
    tick(page, "scale.org_size", "50–250")
    type_into(page, "scale.volume_now", "2100")
    type_into(page, "scale.volume_12m", "4000")
    type_into(page, "scale.peak_factor", "1.2")
    tick(page, "scale.availability", "High (99.9%, under 45 minutes a month)")
    tick(page, "scale.budget", "Moderate: up to about $80 per agent per month")
    tick(page, "scale.deployment", "Cloud (SaaS)")
    expect(question(page, "scale.data_residency")).to_be_hidden()
    tick(page, "scale.compliance", "GDPR")
    expect(question(page, "scale.data_residency")).to_be_visible()
    tick(page, "scale.data_residency", "In the EU")
    tick(page, "scale.obligations", "Data must stay in a given country or region")

    # 6. Integrations, reached through the left navigation again.
    page.locator("nav#step-nav a", has_text="Required integrations").click()
    expect(page.locator("#wizard h1")).to_have_text("Required integrations")
    tick(page, "integrations.crm", "None")
    tick(page, "integrations.erp", "None")
    tick(page, "integrations.communication", "Slack")
    expect(question(page, "integrations.communication_uses")).to_be_visible()
    tick(page, "integrations.communication_uses", "Alerts on new or breaching tickets")
    tick(page, "integrations.identity", "Okta")
    page.get_by_role("button", name="Review answers →").click()

    # Review: every answer shown, no gaps, the URL pushed.
    expect(page.locator("#wizard h1")).to_have_text("Every answer, and what is still missing")
    expect(page).to_have_url(re.compile(rf"{base}/review/$"))
    expect(page.get_by_role("status")).to_contain_text("Nothing missing")
    expect(page.locator(".review-item.gap")).to_have_count(0)
    stored = answers(project)
    for qid, value in stored.items():
        q = BANK.questions[qid]
        item = page.locator(f"#review-{q.html_id}")
        expect(item.locator(".answer-text")).to_have_text(q.display(value))
    expect(page.locator("#review-q-context-volume-phone .answer-text")).to_have_text(
        "1,200 / month"
    )
    expect(page.locator("#review-q-scale-data-residency .answer-text")).to_have_text("In the EU")

    assert stored["context.volume_phone"] == 1200
    assert stored["context.phone_aht"] == 6.5
    assert stored["scale.compliance"] == ["gdpr"]
    assert stored["scale.data_residency"] == "eu"
    assert stored["audience.languages"] == ["en", "pt"]
    assert stored["integrations.crm"] == ["none"]
    assert set(stored) == ANSWERED
    assert not BANK.gaps(stored)
    project.refresh_from_db()
    assert project.completeness == 100
    assert project.current_step == "review"
    console.assert_clean()


def test_two_tabs_edit_different_questions(context, browser_user, console):
    first = context.new_page()
    sign_in(first, browser_user.username)
    project = create_project(first, "Northwind Cloud", "Support desk for growth")
    second = context.new_page()
    second.goto(f"/projects/{project.pk}/discovery/objective/")
    expect(second.locator("#wizard h1")).to_have_text("Overall objective")

    # Interleaved: each tab changes its own questions while the other one is open on the
    # same step, so neither page knows what the other saved.
    tick(first, "objective.challenge", "Improve customer satisfaction")
    tick(second, "objective.timeline", "Within a year")
    type_into(first, "objective.challenge_detail", "CSAT fell to 71% after the migration.")
    second.locator("nav#step-nav a", has_text="Current operational context").click()
    expect(second.locator("#wizard h1")).to_have_text("Current operational context")
    type_into(second, "context.team_size", "8")
    tick(first, "objective.challenge", "Lower the cost per contact")

    assert answers(project) == {
        "objective.challenge": ["improve_satisfaction", "reduce_costs"],
        "objective.timeline": "year",
        "objective.challenge_detail": "CSAT fell to 71% after the migration.",
        "context.team_size": 8,
    }
    # Each tab, reloaded, shows what the other one saved.
    first.reload()
    expect(question(first, "objective.timeline").get_by_label("Within a year")).to_be_checked()
    second.go_back()
    expect(second.locator("#wizard h1")).to_have_text("Overall objective")
    expect(field(second, "objective.challenge_detail")).to_have_value(
        "CSAT fell to 71% after the migration."
    )
    expect(
        question(second, "objective.challenge").get_by_label("Lower the cost per contact")
    ).to_be_checked()
    console.assert_clean()


def test_enter_in_a_field_saves_and_stays_on_the_step(page: Page, browser_user, console):
    """Enter presses the form's first submit button: it must be Save, not an example button
    of another question (context) nor Back (scale)."""
    sign_in(page, browser_user.username)
    project = create_project(page, "Fabrikam", "Service desk")
    for heading, qid, typed, stored in (
        ("Current operational context", "context.team_size", "12", 12),
        ("Scalability and complexity", "scale.volume_now", "800", 800),
    ):
        page.locator("nav#step-nav a", has_text=heading).click()
        expect(page.locator("#wizard h1")).to_have_text(heading)
        field(page, qid).fill(typed)
        field(page, qid).press("Enter")
        expect(page.locator("#wizard .alert-success")).to_have_text("Answers saved.")
        expect(page.locator("#wizard h1")).to_have_text(heading)
        expect(field(page, qid)).to_have_value(typed)
        assert answers(project)[qid] == stored
    assert set(answers(project)) == {"context.team_size", "scale.volume_now"}
    console.assert_clean()


def test_wizard_works_without_javascript(browser, live_server, browser_user):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, browser_user.username)
        project = create_project(page, "Contoso", "Internal IT service desk")

        question(page, "objective.challenge").get_by_label("Reduce response times").check()
        question(page, "objective.challenge").get_by_label("Something else").check()
        # Without JavaScript the follow-up cannot appear before the step is submitted.
        expect(question(page, "objective.challenge_other")).to_be_hidden()
        field(page, "objective.challenge_detail").fill("Tickets wait two days.")
        question(page, "objective.timeline").get_by_label("No fixed date").check()
        page.get_by_role("button", name=re.compile("^Next")).click()

        expect(page).to_have_url(re.compile(rf"/projects/{project.pk}/discovery/context/$"))
        expect(page.locator("#wizard h1")).to_have_text("Current operational context")
        assert answers(project) == {
            "objective.challenge": ["reduce_response_times", "other"],
            "objective.challenge_detail": "Tickets wait two days.",
            "objective.timeline": "flexible",
        }

        # Back, and the follow-up revealed by the saved answer is there now.
        page.get_by_role("button", name=re.compile("^← Back")).click()
        expect(page.locator("#wizard h1")).to_have_text("Overall objective")
        expect(question(page, "objective.challenge_other")).to_be_visible()
        expect(question(page, "objective.challenge").get_by_label("Something else")).to_be_checked()
        field(page, "objective.challenge_other").fill("Onboarding a new region")
        # An example button submits the step too, and the server fills that field in.
        question(page, "objective.challenge_detail").get_by_role(
            "button", name=re.compile("^Requests arrive by email")
        ).click()
        expect(field(page, "objective.challenge_detail")).to_have_value(
            re.compile("^Requests arrive by email")
        )
        stored = answers(project)
        assert stored["objective.challenge_other"] == "Onboarding a new region"
        assert stored["objective.challenge_detail"].startswith("Requests arrive by email")
    finally:
        context.close()
