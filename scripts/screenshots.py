"""Full-page screenshots of the main pages, for a person to look at.

    uv run python scripts/screenshots.py [--out /tmp/shots] [--width 1366 390]
    uv run python scripts/screenshots.py --document   # the document pages only
    uv run python scripts/screenshots.py --only 12 2   # pages whose name starts so

Builds a throw-away SQLite database with the demo data, starts `runserver` on a free port,
signs in as the demo consultant in Debian's Chromium, and saves one PNG per page and width
(a laptop's and a phone's by default). With `--document` it shoots only the pages that show
the proposal document (Northwind's framework page, its v1 as the consultant sees it and as
the client does). The last pages are the admin's, signed in as a throw-away superuser. Console errors, CSP violations and pages wider than the window seen on the
way are printed and make the exit status 1.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ADMIN_USER = "shots-admin"
ADMIN_PASSWORD = secrets.token_urlsafe(18)
STEPS = ("objective", "context", "audience", "metrics", "scale", "integrations")
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("runserver exited before it answered")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own localhost)
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout:g}s")


def shoot(
    browser: Any,
    base: str,
    width: int,
    password: str,
    review_link: str,
    out: Path,
    problems: list[str],
    document_only: bool = False,
    only: tuple[str, ...] = (),
) -> None:
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 900})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on(
        "console",
        lambda m: (
            problems.append(f"{page.url}: console.{m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda exc: problems.append(f"{page.url}: uncaught: {exc}"))

    def shot(name: str) -> None:
        if only and not name.startswith(only):
            return
        page.wait_for_load_state("networkidle")
        path = out / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"{page.url}: {wide} px wide at {width} px")
        print(f"{path}  {page.url}")

    page.goto("/accounts/login/")
    shot("01-login")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="New project").wait_for()
    if document_only:
        page.get_by_role("link", name="Northwind Cloud").first.click()
        page.wait_for_url("**/projects/*/")
        for name, url in (
            ("doc-framework", page.url + "framework/"),
            ("doc-version", page.url + "proposal/v1/"),
            ("doc-client", review_link),
        ):
            page.goto(url)
            shot(name)
        context.close()
        return
    shot("02-dashboard")

    # Verde Shop: part-way through, so the steps show answers, follow-ups and gaps.
    page.get_by_role("link", name="Verde Shop").first.click()
    page.wait_for_url("**/projects/*/")
    project_url = page.url
    shot("03-project")
    for number, slug in enumerate(STEPS, start=1):
        page.goto(f"{project_url}discovery/{slug}/")
        shot(f"{3 + number:02d}-step-{slug}")
    page.goto(f"{project_url}discovery/review/")
    shot("10-review")
    page.goto("/projects/new/")
    shot("11-new-project")

    # Northwind Cloud: published, so requirements, framework and proposal have content.
    page.goto("/")
    page.get_by_role("link", name="Northwind Cloud").first.click()
    page.wait_for_url("**/projects/*/")
    northwind = page.url
    for name, path in (
        ("12-requirements", "requirements/"),
        ("12b-requirements-page-2", "requirements/?view=cards&page=2"),
        ("13-requirements-table", "requirements/?view=table"),
        ("14-framework", "framework/"),
        ("15-proposal", "proposal/"),
        ("16-version", "proposal/v1/"),
    ):
        page.goto(northwind + path)
        shot(name)
    page.goto("/accounts/organization/settings/")
    shot("17-organization")
    page.goto("/notifications/")
    shot("18-notifications")
    page.goto("/settings/api-tokens/")
    shot("18b-api-tokens")
    page.goto("/settings/webhooks/")
    shot("18c-webhooks")
    if not only or "18d-webhooks-refused".startswith(only):
        # Bad input where the owner is looking: a receiver on a private address.
        page.get_by_label("Receiver URL").fill("https://10.0.0.1/hooks")
        page.get_by_role("button", name="Add webhook").click()
        shot("18d-webhooks-refused")
    if review_link:
        client = browser.new_context(base_url=base, viewport={"width": width, "height": 900})
        client.add_init_script(CSP_LISTENER)
        page = client.new_page()
        page.goto(review_link)
        shot("19-client-version")
        client.close()
    context.close()

    # The admin, as a support engineer signed in as staff sees it.
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 900})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(ADMIN_USER)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    shot("20-admin")
    page.goto("/admin/discovery/project/")
    shot("21-admin-projects")
    page.locator("#result_list tbody a").first.click()
    page.wait_for_url("**/change/")
    shot("22-admin-project")
    page.goto("/admin/reviews/proposalversion/")
    shot("23-admin-versions")
    context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/shots", type=Path)  # noqa: S108 (a person's choice)
    parser.add_argument(
        "--width",
        default=[1366, 390],
        type=int,
        nargs="+",
        help="viewport widths; one PNG per page and width (default: 1366 390)",
    )
    parser.add_argument("--document", action="store_true", help="the document pages only")
    parser.add_argument(
        "--only", nargs="+", default=[], help="shoot only the pages whose name starts so"
    )
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)

    workdir = Path(tempfile.mkdtemp(prefix="sb-shots-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "SQLITE_PATH": str(workdir / "db.sqlite3"),
        "DATABASE_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env["SITE_URL"] = base
    manage(env, "migrate", "--no-input")
    seeded = manage(env, "demo_seed").stdout
    manage(
        {
            **env,
            "DJANGO_SUPERUSER_USERNAME": ADMIN_USER,
            "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
            "DJANGO_SUPERUSER_EMAIL": "shots-admin@example.com",
        },
        "createsuperuser",
        "--no-input",
    )
    password = next(
        line.split("password:")[1].strip() for line in seeded.splitlines() if "password:" in line
    )
    review_link = next(
        (word for line in seeded.splitlines() for word in line.split() if "/r/" in word), ""
    )

    log = (workdir / "runserver.log").open("wb")
    server = subprocess.Popen(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    problems: list[str] = []
    try:
        wait_until_up(f"{base}/accounts/login/", server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width in options.width:
                shoot(
                    browser,
                    base,
                    width,
                    password,
                    review_link,
                    options.out,
                    problems,
                    document_only=options.document,
                    only=tuple(options.only),
                )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()

    for problem in problems:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
