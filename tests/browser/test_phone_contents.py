"""On a phone the framework page is one column: its contents sit above the document and
scroll away with it, never stuck over the text being read."""

from __future__ import annotations

from discovery import scenarios, services
from tests.browser.conftest import sign_in
from tests.factories import ProjectFactory, publish


def test_the_contents_do_not_cover_the_document_on_a_phone(page, browser_user, console, settings):
    settings.PDF_EMBEDDED_RUN = "sync"
    project = ProjectFactory(organization=browser_user.organizations.get())
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=browser_user)
    publish(project, user=browser_user, change_summary="First version.")
    sign_in(page, "dana")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"/projects/{project.pk}/framework/")
    integrations = page.locator("#el-architecture-integrations")
    integrations.scroll_into_view_if_needed()
    toc = page.locator(".framework-toc").first
    box = toc.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 0, "the contents stay stuck over the document"
    # On a laptop the contents follow the reader beside the document.
    page.set_viewport_size({"width": 1366, "height": 800})
    integrations.scroll_into_view_if_needed()
    box = toc.bounding_box()
    assert box is not None
    assert box["y"] >= 0
