"""From a ticket export to the staffing chart, in real Chromium: the consultant uploads a
Zendesk export, confirms the columns, watches the import read (the status polls without a
reload), ticks the measured volume and arrival curve, regenerates the framework, and finds
the staffing section saying where its figures came from, with the busiest day's chart of
needed and scheduled agents and its figures as a table.

The live server runs the embedded default (PDF_EMBEDDED_RUN=thread, which governs ticket
imports too): the import runs in a background thread after the request commits, as
`./scripts/run.sh` serves it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from discovery import scenarios, services
from evidence.models import TicketImport
from tests.browser.conftest import sign_in
from tests.evidence.exports import SECRET_SUBJECT, as_bytes, zendesk_csv
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser

READ_TIMEOUT_MS = 60_000


def test_import_to_the_staffing_chart(page: Page, browser_user, console, settings, tmp_path):
    settings.PDF_EMBEDDED_RUN = "thread"
    organization = browser_user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=browser_user)
    export = tmp_path / "zendesk-tickets.csv"
    export.write_bytes(as_bytes(zendesk_csv(3000)))
    sign_in(page, "dana")

    page.goto(f"/projects/{project.pk}/evidence/")
    page.get_by_label("Ticket export (CSV or JSON)").set_input_files(str(export))
    page.get_by_test_id("import-upload").click()
    # The columns step, with Zendesk's documented columns suggested.
    expect(page.get_by_test_id("mapping-confirm")).to_be_visible()
    expect(page.locator("body")).to_contain_text("read as Zendesk")
    page.get_by_label("Channel of tickets that name none").select_option("email")
    page.get_by_test_id("mapping-confirm").click()

    # Back on the page, the status polls itself to "read" with no reload.
    status = page.get_by_test_id("import-status")
    expect(status).to_contain_text("read: 3000 tickets", timeout=READ_TIMEOUT_MS)
    status.get_by_role("link", name="See the figures").click()
    expect(page.get_by_test_id("measured-table")).to_be_visible()
    expect(page.locator("body")).to_contain_text("measured from 3,000 tickets")
    job = TicketImport.objects.get(project=project)
    assert job.state == TicketImport.State.READY
    assert SECRET_SUBJECT not in str(job.summary)

    # Tick the measured volume and arrival curve of email, and use them.
    page.locator(f"#v-{job.pk}-email").check()
    page.locator(f"#c-{job.pk}-email").check()
    page.get_by_test_id("import-use").click()

    page.goto(f"/projects/{project.pk}/framework/")
    page.get_by_role("button", name="Generate the framework").click()
    staffing = page.locator("#sec-staffing")
    expect(staffing).to_contain_text("measured from 3,000 tickets")
    chart = page.locator("#chart-staffing_day")
    expect(chart).to_be_visible()
    alt = chart.locator("img").get_attribute("alt") or ""
    assert alt.startswith("Agents on shift through"), alt
    chart.locator("summary", has_text="The figures as a table").click()
    rows = chart.locator("tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 8
    console.assert_clean()
