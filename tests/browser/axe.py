"""axe-core in Playwright pages, and the page-width check.

axe-core comes from the npm registry (`package.json`, installed by `scripts/test.sh` with
`npm ci`); nothing of it is vendored. It is evaluated through the DevTools protocol, which
the page's Content-Security-Policy does not govern, so the page keeps its strict policy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@cache
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (scripts/test.sh does)")
    return AXE.read_text(encoding="utf-8")


def audit(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.2 A and AA, and axe's best
    practices), each with its impact and the first few offending nodes."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ["violations"]});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 4).map(n => ({target: n.target.join(" "),
              summary: (n.failureSummary || "").slice(0, 300), html: n.html.slice(0, 200)})),
            count: v.nodes.length,
          }));
        }"""
    )


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING]


def overflow(page: Any) -> dict[str, Any] | None:
    """The page's width beyond the viewport, and the widest offenders, or None when the page
    fits (wide content is allowed to scroll inside its own container)."""
    return page.evaluate(
        """() => {
          const doc = document.documentElement;
          const width = window.innerWidth;
          if (doc.scrollWidth <= width) return null;
          const wide = [];
          for (const el of document.body.querySelectorAll("*")) {
            const r = el.getBoundingClientRect();
            if (r.right > width + 1 && r.width > 0) {
              let scrolls = false;
              for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                const o = getComputedStyle(p).overflowX;
                if (o === "auto" || o === "scroll" || o === "hidden") { scrolls = true; break; }
              }
              if (!scrolls) wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                + (el.className && typeof el.className === "string"
                   ? "." + el.className.trim().split(/\\s+/).join(".") : "")
                + " right=" + Math.round(r.right));
            }
          }
          return {scrollWidth: doc.scrollWidth, viewport: width, offenders: wide.slice(-6)};
        }"""
    )


def describe(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{url}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']} ({v['count']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"      {node['target']}: {node['summary'][:200]}")
    return "\n".join(lines)
