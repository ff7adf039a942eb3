"""Full-page screenshots of the main pages, for a person to look at.

    uv run python scripts/screenshots.py [--out /tmp/shots] [--width 1280]
    uv run python scripts/screenshots.py --document   # the document pages at 1366 and 390 px

Builds a throw-away SQLite database with the demo data, starts `runserver` on a free port,
signs in as the demo consultant in Debian's Chromium, and saves one PNG per page. With
`--document` it shoots the pages that show the proposal document instead (Northwind's
framework page, its version v1 as the consultant sees it and as the client does), at a
laptop's and a phone's width. Console errors and CSP violations seen on the way are printed
and make the exit status 1.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/shots", type=Path)  # noqa: S108 (a person's choice)
    parser.add_argument("--width", default=1280, type=int)
    parser.add_argument("--document", action="store_true", help="the document pages only")
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
    password = next(
        line.split("password:")[1].strip() for line in seeded.splitlines() if "password:" in line
    )
    review_link = next((w for w in seeded.split() if "/r/" in w), "")
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
            context = browser.new_context(
                base_url=base, viewport={"width": options.width, "height": 900}
            )
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
                page.wait_for_load_state("networkidle")
                path = options.out / f"{name}.png"
                page.screenshot(path=str(path), full_page=True)
                print(f"{path}  {page.url}")

            page.goto("/accounts/login/")
            shot("01-login")
            page.get_by_label("Username").fill("demo")
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("link", name="New project").wait_for()
            if options.document:
                document_pages(page, shot, review_link)
                browser.close()
                return report(problems)
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
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()

    return report(problems)


def report(problems: list[str]) -> int:
    for problem in problems:
        print("PROBLEM", problem)
    return 1 if problems else 0


def document_pages(page: Page, shot: Callable[[str], None], review_link: str) -> None:
    """Northwind's document as the framework page, the consultant's v1 and the client's
    v1, each at 1366 and 390 px wide."""
    page.get_by_role("link", name="Northwind Cloud").first.click()
    page.wait_for_url("**/projects/*/")
    project_url = page.url
    pages = [
        ("framework", f"{project_url}framework/"),
        ("version", f"{project_url}proposal/v1/"),
        ("client", review_link),
    ]
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages:
            page.goto(url)
            shot(f"doc-{name}-{width}")


if __name__ == "__main__":
    raise SystemExit(main())
