"""Client briefs entered through the wizard in real Chromium, in the client's own words:
three demo scenarios (/work/shared/scenarios: Northwind Cloud, Verde Shop, Contoso
Manufacturing), one brief of tests/briefs (Casa Bella, typed from its own prose and
compared with its expert's answers) and sentences that add rows (a queue's calendar, a
partner, a spike, a named system). The suggestions the extractor makes next to the text
are accepted (or dismissed) by clicking, and the structured answers they make are the ones
an expert would have ticked."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Dialog, Page, expect

from discovery.bank import BANK
from discovery.models import Project, SuggestionDecision
from tests.briefs.loader import brief
from tests.browser.conftest import sign_in
from tests.browser.test_discovery_journey import answers, autosaved, field, question
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser


def heard(page: Page, qid: str):
    return page.locator(f"#heard-{BANK.questions[qid].html_id}")


def write(page: Page, qid: str, text: str, *names: str) -> None:
    """Type the client's words into a free-text answer; the suggestions named appear."""
    autosaved(page, qid, lambda: field(page, qid).fill(text), posted=text)
    for name in names:
        expect(heard(page, qid).locator(".heard-name", has_text=name).first).to_be_visible()


def decide(page: Page, qid: str, name: str, *, add: bool = True) -> None:
    """Click Add (or Dismiss) on the suggestion `name` and wait for the box to say so."""
    box = heard(page, qid)
    verb = "Add" if add else "Dismiss"
    with page.expect_response(lambda r: "/discovery/heard/" in r.url) as info:
        box.get_by_role("button", name=f"{verb} {name}", exact=False).first.click()
    assert info.value.ok
    expect(box.locator(".heard-note")).to_contain_text(("Added " if add else "Dismissed ") + name)


def open_step(page: Page, project: Project, step: str) -> None:
    page.goto(f"/projects/{project.pk}/discovery/{step}/")
    expect(page.locator("#wizard h1")).to_have_text(str(BANK.step(step).title))


def start(page: Page, user, client: str) -> Project:
    project = ProjectFactory(
        organization=user.memberships.first().organization, client_name=client, name="Support"
    )
    sign_in(page, user.username)
    return project


def test_northwind_saas(page: Page, browser_user, console):
    project = start(page, browser_user, "Northwind Cloud")
    open_step(page, project, "objective")
    write(
        page,
        "objective.challenge_detail",
        "First response averages about 18 hours; customers want an answer in under 2 hours. "
        "CSAT from the quarterly survey is 78%. Engineering escalations go to Jira Software "
        "and get lost.",
        "Jira Software",
    )
    decide(page, "objective.challenge_detail", "Jira Software")
    # Another step's answer: the box links to it and to the follow-up it opened.
    note = heard(page, "objective.challenge_detail").locator(".heard-note")
    target = "Which engineering tracker receives escalations?"
    expect(note.get_by_role("link", name=target)).to_be_visible()
    expect(note).to_contain_text("which opens")  # the follow-ups the answer opened, linked

    open_step(page, project, "context")
    write(
        page,
        "context.process",
        "Everything lands in a shared Gmail inbox, about 1,200 emails a month, plus 150 "
        "requests a month through the in-app chat widget. 3 support agents answer during "
        "business hours, 09:00–18:00 CET, Monday to Friday.",
        "Email",
        "Live chat",
        "3 agents",
    )
    expect(question(page, "context.volume_email")).to_be_hidden()
    decide(page, "context.process", "Email")
    # Accepting opened its follow-up in the page, and the email volume can now be added.
    expect(question(page, "context.volume_email")).to_be_visible()
    expect(question(page, "context.channels").get_by_label("Email", exact=True)).to_be_checked()
    decide(page, "context.process", "1,200 emails a month")
    expect(field(page, "context.volume_email")).to_have_value("1200")
    decide(page, "context.process", "Live chat")
    decide(page, "context.process", "3 agents")
    expect(field(page, "context.team_size")).to_have_value("3")
    decide(page, "context.process", "business hours")

    open_step(page, project, "audience")
    write(
        page,
        "audience.challenges",
        "Customers write in English and German and keep asking the same how-do-I questions.",
        "English",
        "German",
    )
    decide(page, "audience.challenges", "English")
    decide(page, "audience.challenges", "German")
    expect(field(page, "audience.languages")).to_have_value(re.compile("German"))

    open_step(page, project, "integrations")
    write(
        page,
        "integrations.notes",
        "We use HubSpot CRM and Slack. GDPR applies, and the data should stay in the EU.",
        "HubSpot",
        "Slack",
        "GDPR",
    )
    # Residency is an obligation of its own: accepting it names it and answers where.
    decide(page, "integrations.notes", "data residency (European Union)")
    decide(page, "integrations.notes", "GDPR")
    decide(page, "integrations.notes", "HubSpot")
    decide(page, "integrations.notes", "Slack")
    expect(question(page, "integrations.crm").get_by_label("HubSpot", exact=True)).to_be_checked()

    stored = answers(project)
    assert stored["integrations.other"] == ["dev_tracker"]
    assert stored["integrations.dev_tracker"] == "jira_software"
    assert stored["context.channels"] == ["email", "chat"]
    assert stored["context.volume_email"] == 1200
    assert stored["context.team_size"] == 3
    assert stored["context.coverage"] == "business_hours"
    assert stored["audience.languages"] == ["en", "de"]
    assert stored["scale.compliance"] == ["gdpr"]
    assert stored["scale.data_residency"] == "eu"
    assert stored["scale.obligations"] == ["residency"]
    assert stored["integrations.crm"] == ["hubspot"]
    assert stored["integrations.communication"] == ["slack"]
    assert SuggestionDecision.objects.filter(project=project, status="accepted").count() == 12
    console.assert_clean()


def test_verde_ecommerce(page: Page, browser_user, console):
    project = start(page, browser_user, "Verde Shop")
    open_step(page, project, "objective")
    write(
        page,
        "objective.challenge_detail",
        "Customers abandon chat and WhatsApp because we answer too slowly. About 35% of "
        "contacts are order-status questions. Black Friday and Christmas bring 4x the normal "
        "volume for about six weeks.",
        "WhatsApp",
        "4×",
    )
    decide(page, "objective.challenge_detail", "WhatsApp")
    decide(page, "objective.challenge_detail", "4×")

    open_step(page, project, "context")
    write(
        page,
        "context.process",
        "Zendesk Support for email only, a separate phone system, WhatsApp on agents' own "
        "phones. 4,000 contacts a month in all. Phone: 1,500 calls a month, average handle "
        "time 6 minutes. 14 agents from 08:00 to 22:00, seven days a week. Instagram DMs too.",
        "Zendesk",
        "1,500 calls a month",
        "6 min",
        "14 agents",
        "Instagram",
    )
    decide(page, "context.process", "Zendesk")
    expect(question(page, "context.tool_fate")).to_be_visible()  # its follow-up, opened
    decide(page, "context.process", "1,500 calls a month")
    expect(question(page, "context.channels").get_by_label("Phone", exact=True)).to_be_checked()
    expect(field(page, "context.volume_phone")).to_have_value("1500")
    decide(page, "context.process", "6 min")
    expect(field(page, "context.phone_aht")).to_have_value("6")  # never "6.0"
    decide(page, "context.process", "14 agents")
    decide(page, "context.process", "Instagram", add=False)
    page.reload()
    expect(heard(page, "context.process")).not_to_contain_text("Instagram")
    expect(heard(page, "context.process")).to_contain_text("Email")

    open_step(page, project, "integrations")
    write(
        page,
        "integrations.notes",
        "The shop runs on Shopify, Zapier does small automations and payments go through "
        "Stripe. LGPD and GDPR apply.",
        "Shopify",
        "Zapier",
        "Stripe",
    )
    for name in ("Shopify", "Zapier", "Stripe", "LGPD", "GDPR"):
        decide(page, "integrations.notes", name)
    expect(field(page, "integrations.billing_system")).to_have_value("Stripe")

    stored = answers(project)
    assert stored["context.channels"] == ["phone", "messaging"]
    assert stored["context.messaging_apps"] == ["whatsapp"]
    assert stored["scale.peak_factor"] == 4
    assert stored["context.tools"] == ["zendesk"]
    assert stored["context.volume_phone"] == 1500
    assert stored["context.phone_aht"] == 6
    assert stored["context.team_size"] == 14
    assert stored["integrations.other"] == ["billing", "ecommerce"]
    assert stored["integrations.ecommerce_platform"] == "shopify"
    assert stored["integrations.automation"] == ["zapier"]
    assert stored["scale.compliance"] == ["gdpr", "lgpd"]
    assert "context.social_networks" not in stored
    dismissed = SuggestionDecision.objects.get(project=project, status="dismissed")
    assert dismissed.finding["label"] == "Instagram"
    console.assert_clean()


def test_contoso_internal_it_with_pasted_script(page: Page, browser_user, console):
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    project = start(page, browser_user, "Contoso Manufacturing")
    open_step(page, project, "context")
    write(
        page,
        "context.process",
        "Requests come by email and phone, some walk-ups at the two main sites, and we track "
        "them in spreadsheets. 12 technicians in two tiers, 24 hours on weekdays following "
        "the factory shifts, on-call at weekends.",
        "Email",
        "Phone",
        "12 agents",
        "24/5",
    )
    for name in ("Email", "Phone", "In person / walk-up", "12 agents", "24/5"):
        decide(page, "context.process", name)
    expect(question(page, "context.walkup_sites")).to_be_visible()

    open_step(page, project, "integrations")
    pasted = (
        "Microsoft 365 and Teams everywhere, Entra ID for single sign-on, SAP S/4HANA as ERP: "
        "hardware purchase requests go through SAP. ISO 27001 certified. "
        "<script>alert('pasted')</script><b>Tickets from Teams</b>, please."
    )
    write(page, "integrations.notes", pasted, "Microsoft Teams", "Microsoft Entra ID", "SAP")
    for name in ("Microsoft Teams", "Microsoft Entra ID", "SAP", "ISO 27001"):
        decide(page, "integrations.notes", name)
    expect(question(page, "integrations.communication_uses")).to_be_visible()

    # What was heard, and what was not, on the gaps review: the pasted markup is text.
    page.goto(f"/projects/{project.pk}/discovery/review/")
    section = page.locator("#heard")
    expect(section).to_contain_text("Added from this text: Microsoft Teams")
    expect(page.locator("#review-q-integrations-notes")).to_contain_text(
        "<script>alert('pasted')</script>"
    )
    assert dialogs == []

    stored = answers(project)
    assert stored["context.channels"] == ["email", "phone", "in_person"]
    assert stored["context.team_size"] == 12
    assert stored["context.coverage"] == "24x5"
    assert stored["integrations.communication"] == ["teams"]
    assert stored["integrations.identity"] == "entra_id"
    assert stored["integrations.erp"] == ["sap"]
    assert stored["scale.compliance"] == ["iso27001"]
    console.assert_clean()


def test_casa_bella_ecommerce_brief(page: Page, browser_user, console):
    """A brief of tests/briefs (not a demo project): its own sentences typed where a
    consultant would put them, each suggestion decided as the expert who wrote the brief's
    answers would, and the answers stored agree with that expert's."""
    casa = brief("ecommerce-spikes")
    prose = " ".join(casa.brief.split())

    def said(text: str) -> str:
        assert text in prose, text  # the client's own words, from the brief
        return text

    project = start(page, browser_user, "Casa Bella")
    open_step(page, project, "objective")
    write(
        page,
        "objective.challenge_detail",
        said(
            "Black Friday brings ten times the normal volume for three days, and the weeks "
            "to Christmas about three times."
        ),
        "Black Friday: 10× normal for 3 days, once a year",
        "3×",
    )
    # Ten times for three days is Black Friday's spike, a row of the spikes (the expert's
    # scale.spikes); three times over the weeks to Christmas is the seasonal peak.
    decide(page, "objective.challenge_detail", "Black Friday: 10× normal for 3 days")
    decide(page, "objective.challenge_detail", "3×")

    open_step(page, project, "context")
    write(
        page,
        "context.process",
        said(
            "Support is 18 agents, 08:00–22:00 São Paulo time every day, plus 10 seasonal "
            "agents hired for November and December. Contacts: WhatsApp 3,000 a month, SMS "
            "order updates that customers reply to (600), chat 1,500, email 900, Instagram "
            "DMs 300, and reviews of the app on Google Play and the App Store (about 150 a "
            "month)."
        ),
        "18 agents",
        "WhatsApp",
        "SMS",
        "Instagram",
        "Google Play",
    )
    decide(page, "context.process", "18 agents")
    expect(field(page, "context.team_size")).to_have_value("18")
    for name in ("WhatsApp", "SMS", "Live chat", "Email", "Instagram", "Google Play"):
        decide(page, "context.process", name)
    expect(question(page, "context.app_stores")).to_be_visible()  # opened by Google Play
    decide(page, "context.process", "Apple App Store")

    open_step(page, project, "audience")
    write(page, "audience.challenges", said("Portuguese and Spanish."), "Portuguese", "Spanish")
    decide(page, "audience.challenges", "Portuguese")
    decide(page, "audience.challenges", "Spanish")

    open_step(page, project, "integrations")
    write(
        page,
        "integrations.notes",
        said("LGPD applies") + ". " + said("The shop runs on VTEX, payments on Mercado Pago."),
        "LGPD",
        "VTEX",
        "Mercado Pago",
    )
    for name in ("LGPD", "VTEX", "Mercado Pago"):
        decide(page, "integrations.notes", name)

    stored = answers(project)
    expert = casa.answers
    for qid in (
        "context.team_size",
        "audience.languages",
        "scale.compliance",
        "integrations.ecommerce_platform",
        "integrations.billing_system",
    ):
        assert stored[qid] == expert[qid], qid
    for qid in (
        "context.channels",
        "context.messaging_apps",
        "context.social_networks",
        "context.app_stores",
        "integrations.other",
    ):
        value = stored[qid]
        assert isinstance(value, list), qid
        assert sorted(value) == sorted(expert[qid]), qid
    assert stored["scale.spikes_known"] == expert["scale.spikes_known"]
    assert stored["scale.spikes"] == expert["scale.spikes"]
    assert stored["scale.peak_factor"] == expert["scale.peak_factor"]
    assert not SuggestionDecision.objects.filter(project=project, status="dismissed").exists()
    console.assert_clean()


# A process said with a queue's own hours and an outsourcing partner's share.
PHARMACY_QUEUE = (
    "Support runs during business hours, but the pharmacy queue runs 24/7. "
    "Teleperformance takes about 30% of our calls, mostly overflow and nights."
)


def test_rows_heard_in_the_clients_words(page: Page, browser_user, console):
    """What the client says that implies a row adds the row by a click: a queue's own
    hours a coverage calendar, an outsourcing partner with its share, a short spike, a
    named system with what it must do; each opens its follow-ups, and the requirement
    made from the row shows the sentence it was heard in."""
    project = start(page, browser_user, "St. Aldric Clinics")
    open_step(page, project, "context")
    write(
        page,
        "context.process",
        PHARMACY_QUEUE,
        "business hours",
        "Teleperformance: overflow and nights, 30% of contacts",
    )
    decide(page, "context.process", "business hours")
    # The coverage answered, the pharmacy queue's own calendar can be added.
    calendar = "Pharmacy queue: every day 00:00–24:00"
    expect(heard(page, "context.process").locator(".heard-name", has_text=calendar)).to_be_visible()
    decide(page, "context.process", calendar)
    expect(page.locator('[name="context.calendars.name"]').first).to_have_value("Pharmacy queue")
    decide(page, "context.process", "Teleperformance: overflow and nights, 30% of contacts")
    # Outsourcing answered "part", which opens the partners: the row is there to complete.
    expect(question(page, "context.partners")).to_be_visible()
    expect(page.locator('[name="context.partners.name"]').first).to_have_value("Teleperformance")
    expect(page.locator('[name="context.partners.share"]').first).to_have_value("30")

    open_step(page, project, "objective")
    write(
        page,
        "objective.challenge_detail",
        "After each firmware release volume spikes 5x for 48 hours.",
        "Firmware release: 5× normal for 48 hours",
    )
    decide(page, "objective.challenge_detail", "Firmware release: 5× normal for 48 hours")
    note = heard(page, "objective.challenge_detail").locator(".heard-note")
    expect(note.get_by_role("link", name=BANK.questions["scale.spikes"].label)).to_be_visible()
    note.get_by_role("link", name=BANK.questions["scale.spikes"].label).click()
    expect(page.locator('[name="scale.spikes.cause"]').first).to_have_value("Firmware release")
    expect(page.locator('[name="scale.spikes.lasts"]').first).to_have_value("48")

    open_step(page, project, "integrations")
    sentence = "We need Epic to show the patient's chart on each ticket."
    chip = "Epic (EHR / health records): Show the patient's chart on each ticket"
    write(page, "integrations.notes", sentence, chip)
    decide(page, "integrations.notes", chip)
    expect(page.locator('[name="integrations.systems.purpose"]').first).to_have_value(
        "Show the patient's chart on each ticket"
    )

    stored = answers(project)
    assert stored["context.calendars"] == [
        {"name": "Pharmacy queue", "days": "every_day", "opens": "00:00", "closes": "24:00"}
    ]
    assert stored["context.outsourced"] == "part"
    assert stored["context.partners"] == [
        {"name": "Teleperformance", "scope": "overflow and nights", "share": 30}
    ]
    assert stored["scale.spikes_known"] == "yes"
    assert stored["scale.spikes"] == [
        {"cause": "Firmware release", "factor": 5, "lasts": 48, "lasts_unit": "hours"}
    ]
    assert stored["integrations.systems"] == [
        {"name": "Epic", "class": "ehr", "purpose": "Show the patient's chart on each ticket"}
    ]

    # The EHR requirement made from the row traces to the client's sentence.
    page.goto(f"/projects/{project.pk}/requirements/")
    card = page.locator("article.req-card", has_text="FR-INT-017")
    expect(card).to_contain_text("Epic")
    expect(card.locator(".heard-source").first).to_contain_text(sentence)
    console.assert_clean()


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width", [390, 900, 1366])
def test_the_step_list_never_covers_the_suggestions(page: Page, browser_user, width):
    """Scrolled to the suggestions of a step, at a phone's width, at the layout's
    breakpoint and on a laptop: the list of steps is never drawn over them (at 900 px the
    grid had collapsed while the list stayed sticky above the questions)."""
    page.set_viewport_size({"width": width, "height": 844})
    project = start(page, browser_user, "Harbour Clinics")
    open_step(page, project, "context")
    write(
        page,
        "context.process",
        PHARMACY_QUEUE,
        "business hours",
    )
    box = heard(page, "context.process")
    for block in ("start", "center", "end"):
        box.evaluate("(el, block) => el.scrollIntoView({block})", block)
        nav, shown = page.locator("#step-nav").bounding_box(), box.bounding_box()
        assert nav is not None
        assert shown is not None
        assert not _overlap(nav, shown), (width, block, nav, shown)
    decide(page, "context.process", "business hours")  # the list is sent again, out of band
    box.evaluate("el => el.scrollIntoView({block: 'start'})")
    nav, shown = page.locator("#step-nav").bounding_box(), box.bounding_box()
    assert nav is not None
    assert shown is not None
    assert not _overlap(nav, shown), (width, nav, shown)


HAND_OVER = (
    "Support runs 24/7 from two offices. At 17:00 Singapore hands over to London, "
    "which takes the queue until the Singapore team is back."
)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_follow_the_sun_hand_over_adds_its_sites(page: Page, browser_user, console, width):
    """A hand-over between two offices said in passing ("At 17:00 Singapore hands over to
    London") is follow the sun: once the coverage is answered round the clock, each site
    is offered in the order the work passes; a click answers follow the sun, which opens
    the sites, and the site is there with its zone and the hour it hands over."""
    page.set_viewport_size({"width": width, "height": 900})
    project = start(page, browser_user, "Lumen Freight")
    open_step(page, project, "context")
    write(page, "context.process", HAND_OVER, "24/7")
    decide(page, "context.process", "24/7")
    box = heard(page, "context.process")
    expect(
        box.locator(".heard-name", has_text="Singapore (Asia/Singapore): hands over at 17:00")
    ).to_be_visible()
    expect(box.locator(".heard-name", has_text="London (Europe/London)")).to_be_visible()
    expect(box).to_contain_text("follow-the-sun site")
    shots = os.environ.get("READ_OUT")
    if shots:
        box.scroll_into_view_if_needed()
        page.screenshot(path=f"{shots}/sites-offered-{width}.png")
    decide(page, "context.process", "Singapore (Asia/Singapore): hands over at 17:00")
    # Follow the sun answered yes: the sites question opened, with Singapore in it.
    expect(question(page, "context.sites")).to_be_visible()
    expect(page.locator('[name="context.sites.name"]').first).to_have_value("Singapore")
    expect(page.locator('[name="context.sites.closes"]').first).to_have_value("17:00")
    decide(page, "context.process", "London (Europe/London)")
    expect(page.locator('[name="context.sites.name"]').nth(1)).to_have_value("London")
    if shots:
        question(page, "context.sites").scroll_into_view_if_needed()
        page.screenshot(path=f"{shots}/sites-added-{width}.png")
    stored = answers(project)
    assert stored["context.coverage"] == "24x7"
    assert stored["context.follow_the_sun"] == "yes"
    assert stored["context.sites"] == [
        {"name": "Singapore", "zone": "Asia/Singapore", "closes": "17:00"},
        {"name": "London", "zone": "Europe/London"},
    ]
    # Decided once, never offered again.
    page.reload()
    expect(heard(page, "context.process").locator(".heard-name", has_text="London")).to_have_count(
        0
    )
    console.assert_clean()
