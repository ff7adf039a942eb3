"""Real Chromium (Debian's, through Playwright's sync API) against pytest-django's live server."""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.factories import MembershipFactory, OrganizationFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM would otherwise
# refuse to run there ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PASSWORD = "correct-horse-battery-staple"
TIMEOUT_MS = 10_000

# Reports every CSP violation as a console error, with the directive and what was blocked,
# so that a violation can never pass unnoticed. Init scripts are exempt from the page's CSP.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || document.location.pathname}:${e.lineNumber}`);
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@dataclass
class ConsoleLog:
    """Console errors, uncaught exceptions and CSP violations seen by the pages of a test."""

    errors: list[str] = field(default_factory=list)

    def watch(self, page: sync_api.Page) -> sync_api.Page:
        def on_console(message: sync_api.ConsoleMessage) -> None:
            if message.type in ("error", "assert") or "Content Security Policy" in message.text:
                self.errors.append(f"{page.url}: console.{message.type}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: uncaught: {exc}"))
        return page

    def assert_clean(self) -> None:
        assert not self.errors, "browser reported errors:\n" + "\n".join(self.errors)


@pytest.fixture(scope="session")
def browser() -> Iterator[sync_api.Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def _urlconf_imported() -> None:
    """Import every view module (WeasyPrint among them) before the first page: done by the
    live server's first request, it can outlast a page load's timeout on a busy machine."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture(scope="session")
def warm_server(live_server) -> str:
    """One request before the first page, with a patient timeout: the live server loads its
    URLconf and templates on its first request, which on a busy machine can take longer
    than a page's 10 s (how fast a fresh process answers is bench/, not these tests)."""
    url = f"{live_server.url}/accounts/login/"  # http on loopback
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310
        response.read()
    return live_server.url


@pytest.fixture
def context(browser, live_server, warm_server, console) -> Iterator[sync_api.BrowserContext]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(CSP_LISTENER)
    context.on("page", console.watch)
    yield context
    context.close()


@pytest.fixture
def page(context) -> sync_api.Page:
    return context.new_page()


@pytest.fixture
def browser_user(transactional_db):
    organization = OrganizationFactory(name="Blueprint Partners", slug="blueprint-partners")
    return MembershipFactory(
        organization=organization, user__username="dana", user__first_name="Dana"
    ).user


def sign_in(page: sync_api.Page, username: str, password: str = PASSWORD) -> None:
    """Through the real form, so that django-axes and the login view take part."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    sync_api.expect(page.get_by_role("link", name="New project")).to_be_visible()


OVERRIDE_REASON = "Reviewed with the client on the kick-off call; fine to send as it is."


def publish_through_check(page: sync_api.Page, button: str) -> None:
    """Publish as a consultant who has read the form: confirm an incomplete discovery,
    override each blocking finding shown with a reason, and, if the framework regenerated
    at Publish has findings of its own, override those too and publish again."""

    def answer_the_form() -> None:
        confirm = page.locator("#confirm-incomplete")
        if confirm.count():
            confirm.check()
        for box in page.locator("#publish-check input[name='override']").all():
            box.check()
        for reason in page.locator("#publish-check textarea").all():
            reason.fill(OVERRIDE_REASON)

    answer_the_form()
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    if page.locator(".publish-refused").count() == 0:
        return
    answer_the_form()
    page.get_by_role("button", name=button).click()


def northwind_under_review(user) -> tuple[object, object]:
    """Northwind's demo answers in the user's organization, v1 published through the check
    (tests.factories.publish) and Rita Ortiz invited: (project, invitation), the invitation
    carrying the raw token of the client's link."""
    from discovery import scenarios, services
    from requirements_app.services import requirements_sync
    from reviews import services as review_services
    from tests import factories

    organization = user.organizations.get()
    project = factories.ProjectFactory(organization=organization, client_name="Northwind Cloud")
    services.answers_load(project=project, answers=scenarios.NORTHWIND, user=user)
    requirements_sync(project=project)
    factories.publish(project=project, change_summary="First.", user=user)
    invitation = review_services.reviewer_invite(
        project=project,
        name="Rita Ortiz",
        email="rita@northwind.example",
        user=user,
        link_for=lambda token: token,
    )
    return project, invitation
