"""The PDF in real Chromium: the consultant opens a published version, clicks Generate
PDF and watches the panel go queued → rendering → ready with no reload, then downloads the
file; the client, in a separate browser context with only the share link, sees the same
ready PDF and downloads it.

The live server runs the embedded default, PDF_EMBEDDED_RUN=thread: the task runs in a
background thread after the request commits, exactly as `./scripts/run.sh` serves it. The
test database is SQLite's shared-cache in-memory database, which that thread's own
connection sees, and the tests are transactional (live_server), so the committed job row
is visible to it. The task is held at two points by events so that each state is on
screen long enough to be seen; the rendering itself is the real one."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from deliverables import jobs
from deliverables.models import PdfJob
from discovery import scenarios, services
from tests.browser.conftest import CSP_LISTENER, TIMEOUT_MS, sign_in
from tests.factories import ProjectFactory
from tests.reviews.conftest import invite, publish

pytestmark = pytest.mark.browser

RENDER_TIMEOUT_MS = 60_000

# Every state the panel shows, in order, seen by the page itself (init scripts are exempt
# from the page's CSP), so that a state swapped in and out between two checks still counts.
STATE_RECORDER = """
window.__pdfStates = [];
const record = () => {
  for (const el of document.querySelectorAll(".pdf-state")) {
    const state = el.dataset.state;
    if (window.__pdfStates[window.__pdfStates.length - 1] !== state) window.__pdfStates.push(state);
  }
};
new MutationObserver(record).observe(document, {childList: true, subtree: true});
document.addEventListener("DOMContentLoaded", record);
"""


@pytest.fixture
def held_task(monkeypatch, settings):
    """Hold the task before it claims the job and again before it renders."""
    settings.PDF_EMBEDDED_RUN = "thread"
    may_start, may_render = threading.Event(), threading.Event()
    start, render = jobs.pdf_job_start, jobs.pdf_job_render

    def held_start(job_id: int):
        may_start.wait(RENDER_TIMEOUT_MS / 1000)
        return start(job_id)

    def held_render(job: PdfJob):
        may_render.wait(RENDER_TIMEOUT_MS / 1000)
        return render(job)

    monkeypatch.setattr(jobs, "pdf_job_start", held_start)
    monkeypatch.setattr(jobs, "pdf_job_render", held_render)
    yield may_start, may_render
    may_start.set()
    may_render.set()


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() or "" for page in reader.pages)


def test_pdf_journey(page: Page, browser, live_server, browser_user, console, held_task):
    may_start, may_render = held_task
    organization = browser_user.organizations.get()
    project = ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=browser_user)
    version = publish(project, browser_user, "First version.")
    link = invite(project, browser_user, name="Rita Ortiz", email="rita@northwind.example")

    # The consultant opens the published version and asks for the PDF.
    sign_in(page, "dana")
    page.add_init_script(STATE_RECORDER)
    page.goto(f"/projects/{project.pk}/proposal/v{version.number}/")
    page.get_by_test_id("pdf-generate").click()
    state = page.locator(".pdf-state")
    expect(state).to_have_attribute("data-state", "queued")
    expect(state).to_contain_text("PDF queued")

    may_start.set()  # a worker picks the job up: the next poll shows it rendering
    expect(state).to_have_attribute("data-state", "rendering", timeout=RENDER_TIMEOUT_MS)
    expect(state).to_contain_text("Rendering the PDF")

    may_render.set()
    expect(state).to_have_attribute("data-state", "ready", timeout=RENDER_TIMEOUT_MS)
    download_link = page.get_by_test_id("pdf-download")
    expect(download_link).to_be_visible()
    # One page load saw all three: a reload would have started the list again.
    assert page.evaluate("window.__pdfStates") == ["queued", "rendering", "ready"]

    # Polling has stopped: no hx-trigger left on the panel, and no more status requests.
    expect(page.locator(".pdf-panel[hx-trigger]")).to_have_count(0)
    status_requests: list[str] = []
    page.on("request", lambda r: status_requests.append(r.url) if "/status/" in r.url else None)
    page.wait_for_timeout(2500)
    assert status_requests == []

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert download.suggested_filename.startswith("Northwind-Cloud-")  # tests/test_filenames.py
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    text = _pdf_text(data)
    assert "Northwind Cloud" in text
    job = PdfJob.objects.get(version=version)
    assert job.state == PdfJob.State.READY
    assert job.size == len(data)

    # The client, in a separate context: no session, only the link.
    client_context = browser.new_context(viewport={"width": 1280, "height": 900})
    client_context.set_default_timeout(TIMEOUT_MS)
    client_context.add_init_script(CSP_LISTENER)
    client_context.on("page", console.watch)
    client = client_context.new_page()
    client.goto(f"{live_server.url}/r/{link.token}/v{version.number}/")
    expect(client.locator(".pdf-state")).to_have_attribute("data-state", "ready")
    with client.expect_download() as client_download_info:
        client.get_by_test_id("pdf-download").click()
    client_data = Path(client_download_info.value.path()).read_bytes()
    assert client_data == data  # the same stored file, not a second render
    assert "Northwind Cloud" in _pdf_text(client_data)
    assert PdfJob.objects.filter(version=version).count() == 1
    client_context.close()

    console.assert_clean()
