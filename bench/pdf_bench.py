"""PDF benchmark: the full deliverable of the largest demo project, next to WeasyPrint
rendering a static HTML file of the same length in the same run, with the same print
stylesheet: headings and paragraphs in as many chapters, as long as the deliverable's HTML
without its embedded images. A second static file holds the deliverable's visible text as
plain paragraphs, which prices the document's structure. Prints CPU time, peak memory, pages
and the ratios.

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


def markup_length(html: str) -> int:
    """The HTML's length in characters, leaving out the embedded images (the charts' and the
    diagram's data: URIs): a static file has no images, and counting their base64 as
    document length would give the static file text in their place."""
    return len(re.sub(r'data:[^"]+', "", html))


WORDS = ["support", "desk", "ticket", "agent", "channel", "response", "queue", "knowledge",
         "customer", "escalation", "workflow", "priority", "volume", "staffing", "metric", "target"]


def static_report(chars: int, chapters: int, *, markup: bool) -> str:
    """A static report: chapters (each on a new page) of headings and paragraphs, no tables,
    filled until it holds `chars` visible characters, or, with `markup`, until the file is
    `chars` long."""
    parts = ["<!doctype html><html lang='en'><body>"]
    paragraphs: list[str] = []
    size, i = 0, 0
    while size < chars:
        text = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(60)) + "."
        paragraphs.append(text)
        size += len(text) + (len("<p></p>") if markup else 1)
        i += 1
    per_chapter = max(1, -(-len(paragraphs) // chapters))
    for n in range(0, len(paragraphs), per_chapter):
        parts.append(f"<h2 style='break-before: page'>Section {n // per_chapter + 1}</h2>")
        parts.extend(f"<p>{text}</p>" for text in paragraphs[n : n + per_chapter])
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
    chapters = max(1, html.count('class="chapter') + 2)  # plus the cover and the contents
    same_file = static_report(markup_length(html), chapters, markup=True)
    same_text = static_report(len(visible_text(html)), chapters, markup=False)
    _measure(same_file, 1)  # warm-up: fonts, stylesheet, first-render costs
    file_times, file_pages = _measure(same_file, args.runs)
    text_times, text_pages = _measure(same_text, args.runs)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times, pages = _measure(html, args.runs)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ours = statistics.median(times)
    by_file, by_text = statistics.median(file_times), statistics.median(text_times)
    print(f"deliverable: {label}: {len(html) / 1024:.0f} KiB of HTML, "
          f"{markup_length(html) / 1024:.0f} KiB without its embedded images, "
          f"{len(visible_text(html))} visible characters")
    print(f"static file, same length  : {by_file:6.2f} s median of {args.runs}, {file_pages} pages "
          f"({len(same_file) / 1024:.0f} KiB, {len(visible_text(same_file))} visible characters)")
    print(f"static file, same text    : {by_text:6.2f} s median of {args.runs}, {text_pages} pages "
          f"({len(same_text) / 1024:.0f} KiB, {len(visible_text(same_text))} visible characters)")
    print(f"deliverable               : {ours:6.2f} s median of {args.runs}, {pages} pages, "
          f"peak RSS {rss:.0f} MiB (static files: {base_rss:.0f} MiB)")
    print(f"ratio to the same-length file: {ours / by_file:.2f} (target ≤ 1.3)")
    print(f"ratio to the same text as plain paragraphs: {ours / by_text:.2f} "
          "(for information: the price of headings, rows, tables and charts)")
    per_30 = ours * 30 / max(pages, 1)
    print(f"30-page target: {'met' if per_30 < 5 else 'missed'} ({per_30:.2f} s for 30 pages at this rate)")


if __name__ == "__main__":
    main()
