"""PDF benchmark: the full deliverable of the largest demo project, next to WeasyPrint
rendering a static HTML file of the same length (as many visible characters, in as many
chapters, as headings and paragraphs, with the same print stylesheet) in the same run.
Prints CPU time, peak memory, pages and the ratio.

    uv run python bench/pdf_bench.py [--runs 3]

Targets: ratio at most 1.3; a 30-page deliverable under 5 s. Peak memory is the process's
peak RSS after each phase (ru_maxrss only grows, so the deliverable runs second).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from discovery.models import Project  # noqa: E402
from frameworks.models import FrameworkGeneration  # noqa: E402
from frameworks.pdf.document import DeliverableMeta, deliverable_html  # noqa: E402
from frameworks.pdf.render import render_pdf_pages  # noqa: E402
from reviews.models import ProposalVersion  # noqa: E402


def _largest_deliverable() -> tuple[str, str]:
    version = (
        ProposalVersion.objects.select_related("project__organization")
        .order_by("-number")
        .first()
    )
    if version is not None:
        from frameworks.pdf.jobs import deliverable_for_version

        biggest = max(
            ProposalVersion.objects.select_related("project__organization"),
            key=lambda v: len(v.snapshot.get("requirements", [])),
        )
        return deliverable_for_version(biggest), f"{biggest.project} {biggest.label}"
    from reviews.services import snapshot_build

    project = (
        Project.objects.annotate(n=Count("requirements"))
        .filter(framework_generations__isnull=False)
        .order_by("-n")
        .first()
    )
    if project is None:
        raise SystemExit("no project with a framework: run demo_seed and generate one")
    generation = FrameworkGeneration.objects.filter(project=project).first()
    assert generation is not None
    snapshot = snapshot_build(project, generation.data, generation.number)
    meta = DeliverableMeta("v1", timezone.now(), project.organization.name)
    return deliverable_html(snapshot, meta), f"{project} (unpublished snapshot)"


def visible_text(html: str) -> str:
    """The text a reader sees: the body without tags, attributes (the charts' data URIs)
    or runs of white space."""
    body = html.split("<body", 1)[-1]
    body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", text).strip()


def _static_like(html: str) -> str:
    """Plain report HTML with the deliverable's text volume: the same number of visible
    characters, in as many chapters (each starting a new page) as the deliverable has,
    as headings and paragraphs with no tables. Matching the HTML length instead would
    compare against several times more text, which flatters the ratio."""
    length = len(visible_text(html))
    chapters = max(1, html.count('class="chapter') + 2)  # plus the cover and the contents
    words = ["support", "desk", "ticket", "agent", "channel", "response", "queue", "knowledge", "customer", "escalation", "workflow", "priority", "volume", "staffing", "metric", "target"]
    paragraphs: list[str] = []
    size, i = 0, 0
    while size < length:
        text = " ".join(words[(i * 7 + k) % len(words)] for k in range(60))
        paragraphs.append(text)
        size += len(text) + 1
        i += 1
    per_chapter = max(1, -(-len(paragraphs) // chapters))
    parts = ["<!doctype html><html><body>"]
    for n in range(0, len(paragraphs), per_chapter):
        parts.append(f"<h2 style='break-before: page'>Section {n // per_chapter + 1}</h2>")
        parts.extend(f"<p>{text}.</p>" for text in paragraphs[n : n + per_chapter])
    parts.append("</body></html>")
    return "".join(parts)


def _measure(html: str, runs: int) -> tuple[list[float], int]:
    """CPU seconds per render: on a shared machine wall time mostly measures the neighbours."""
    times = []
    pages = 0
    for _ in range(runs):
        started = time.process_time()
        _, pages = render_pdf_pages(html)
        times.append(time.process_time() - started)
    return times, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    html, label = _largest_deliverable()
    static = _static_like(html)
    _measure(static, 1)  # warm-up: fonts, stylesheet, first-render costs
    base_times, base_pages = _measure(static, args.runs)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times, pages = _measure(html, args.runs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    base, ours = statistics.median(base_times), statistics.median(times)
    print(f"deliverable: {label}, {len(html) / 1024:.0f} KiB HTML, "
          f"{len(visible_text(html))} visible characters (static: {len(visible_text(static))})")
    print(f"static HTML  : {base:6.2f} s median of {args.runs}, {base_pages} pages, peak RSS {base_rss:.0f} MiB")
    print(f"deliverable  : {ours:6.2f} s median of {args.runs}, {pages} pages, peak RSS {rss:.0f} MiB")
    print(f"ratio        : {ours / base:.2f} (target ≤ 1.3); per page {ours / max(pages, 1):.3f} s")
    print(f"30-page target: {'met' if ours * 30 / max(pages, 1) < 5 else 'missed'} "
          f"({ours * 30 / max(pages, 1):.2f} s for 30 pages at this rate)")


if __name__ == "__main__":
    main()
