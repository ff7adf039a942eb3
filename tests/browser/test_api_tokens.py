"""A consultant makes a personal access token from the user menu, copies it from the one
page that shows it, uses it against the API, and revokes it: at a laptop's width and a
phone's, the page passes axe and fits."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.axe import audit, blocking, describe, overflow
from tests.browser.conftest import sign_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser

SHOTS = "/tmp/api-token-shots"  # noqa: S108  (screenshots to look at, not committed)


def _api(live_server, token: str, path: str) -> tuple[int, object]:
    request = urllib.request.Request(  # noqa: S310  (the test's own server)
        f"{live_server.url}/api/v1{path}", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize("width", [1366, 390])
def test_a_token_is_made_shown_once_used_and_revoked(width, page, live_server, browser_user):
    organization = browser_user.memberships.get().organization
    project = ProjectFactory(organization=organization, client_name="Northwind Traders")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "dana")
    if width < 992:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", level=1)).to_be_visible()

    page.get_by_label("Name").fill("CRM sync")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create token").click()
    shown = page.get_by_label("Your new token, to copy")
    expect(shown).to_be_visible()
    token = shown.input_value()
    assert token.startswith("sbp_")
    page.screenshot(path=f"{SHOTS}/created-{width}.png", full_page=True)
    found = blocking(audit(page))
    assert not found, describe(f"{width}px tokens page", found)
    assert overflow(page) is None

    status, body = _api(live_server, token, "/projects")
    assert status == 200
    assert [p["client_name"] for p in body] == ["Northwind Traders"]
    assert _api(live_server, token, f"/projects/{project.pk}")[0] == 200

    # Shown once: a reload lists it by its prefix only.
    page.reload()
    expect(page.get_by_label("Your new token, to copy")).to_have_count(0)
    assert token not in page.content()
    row = page.get_by_role("row").filter(has_text="CRM sync")
    expect(row).to_contain_text("Read and write")
    expect(row).to_contain_text(token[: len("sbp_") + 12])

    row.get_by_role("button", name="Revoke CRM sync").click()
    expect(page.get_by_role("row").filter(has_text="CRM sync")).to_contain_text("Revoked")
    page.screenshot(path=f"{SHOTS}/revoked-{width}.png", full_page=True)
    assert _api(live_server, token, "/projects")[0] == 401
