"""PDF benchmark: the full deliverable of the largest demo project, next to WeasyPrint
rendering a static HTML file of the same length in the same run, with the same print
stylesheet: headings and paragraphs in as many chapters, as long as the deliverable's HTML
without its embedded images. A second static file holds the deliverable's visible text as
plain paragraphs, which prices the document's structure. Prints CPU time, peak memory, pages
and the ratios.

    uv run python bench/pdf_bench.py [--runs 5]

Targets: ratio at most 1.3; a 30-page deliverable under 5 s. Peak memory is given per
document as the peak of the Python heap during one render (tracemalloc), and for the whole
process as its peak RSS.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from weasyprint import HTML  # noqa: E402

from deliverables.document import DeliverableMeta, deliverable_html  # noqa: E402
from deliverables.render import PRINT_CSS, render_pdf_pages  # noqa: E402
from discovery.models import Project  # noqa: E402
from frameworks.models import FrameworkGeneration  # noqa: E402
from reviews.models import ProposalVersion  # noqa: E402


def _largest_deliverable() -> tuple[Callable[[], str], str]:
    """What the task does before WeasyPrint: the stored version's deliverable as HTML
    (snapshot, charts, templates), as a function to time, and a label."""
    if ProposalVersion.objects.exists():
        from deliverables.jobs import deliverable_for_version

        biggest = max(
            ProposalVersion.objects.select_related("project__organization"),
            key=lambda v: len(v.snapshot.get("requirements", [])),
        )
        return (lambda: deliverable_for_version(biggest)), f"{biggest.project} {biggest.label}"
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
    return (lambda: deliverable_html(snapshot, meta)), f"{project} (unpublished snapshot)"


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


WORDS = [
    "support",
    "desk",
    "ticket",
    "agent",
    "channel",
    "response",
    "queue",
    "knowledge",
    "customer",
    "escalation",
    "workflow",
    "priority",
    "volume",
    "staffing",
    "metric",
    "target",
]


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


def _render(html: str) -> tuple[float, int]:
    """CPU seconds for one render: on a shared machine wall time mostly measures the
    neighbours."""
    started = time.process_time()
    _, pages = render_pdf_pages(html)
    return time.process_time() - started, pages


def _peak_heap_mib(html: str) -> float:
    """Peak of the Python heap during one render (tracemalloc), in MiB: WeasyPrint's boxes
    and layout are Python objects, so this is the render's own memory, whatever the
    process held before."""
    tracemalloc.start()
    try:
        render_pdf_pages(html)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build, label = _largest_deliverable()
    html = build()
    chapters = max(1, html.count('class="chapter') + 2)  # plus the cover and the contents
    same_file = static_report(markup_length(html), chapters, markup=True)
    same_text = static_report(len(visible_text(html)), chapters, markup=False)
    # The deliverable's own HTML as a static file, print stylesheet inlined, for WeasyPrint
    # with its defaults: what the app adds on top of WeasyPrint (snapshot, charts,
    # templates, the fetcher) and nothing else.
    static_copy = Path(tempfile.mkdtemp()) / "deliverable.html"
    static_copy.write_text(
        html.replace("</head>", f"<style>{PRINT_CSS.read_text()}</style></head>", 1)
    )

    def same_html() -> tuple[float, int]:
        started = time.process_time()
        document = HTML(filename=str(static_copy)).render()
        document.write_pdf()
        return time.process_time() - started, len(document.pages)

    def ours() -> tuple[float, int]:
        started = time.process_time()
        _, pages = render_pdf_pages(build())
        return time.process_time() - started, pages

    for document in (same_file, same_text, html):
        _render(document)  # warm-up: fonts, stylesheet, hyphenation, first-render costs
    same_html()
    # Interleaved, so that a machine whose speed drifts during the run slows all three
    # alike; each ratio is taken within one round, then the median over rounds.
    rounds: list[tuple[float, float, float, float]] = []
    pages: dict[str, int] = {}
    for _ in range(args.runs):
        (t_file, pages["file"]), (t_text, pages["text"]), (t_html, pages["html"]) = (
            _render(same_file),
            _render(same_text),
            same_html(),
        )
        t_ours, pages["ours"] = ours()
        rounds.append((t_file, t_text, t_ours, t_html))
    idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    documents = (("file", same_file), ("text", same_text), ("ours", html))
    peak = {name: _peak_heap_mib(document) for name, document in documents}
    by_file = statistics.median(r[0] for r in rounds)
    by_text = statistics.median(r[1] for r in rounds)
    ours_median = statistics.median(r[2] for r in rounds)
    by_html = statistics.median(r[3] for r in rounds)
    ratio_file = statistics.median(r[2] / r[0] for r in rounds)
    ratio_text = statistics.median(r[2] / r[1] for r in rounds)
    ratio_html = statistics.median(r[2] / r[3] for r in rounds)
    print(
        f"deliverable: {label}: {len(html) / 1024:.0f} KiB of HTML, "
        f"{markup_length(html) / 1024:.0f} KiB without its embedded images, "
        f"{len(visible_text(html))} visible characters"
    )
    print(
        f"static file, same length  : {by_file:6.2f} s median of {args.runs}, {pages['file']} pages "
        f"({len(same_file) / 1024:.0f} KiB, {len(visible_text(same_file))} visible characters), "
        f"peak heap {peak['file']:.0f} MiB"
    )
    print(
        f"static file, same text    : {by_text:6.2f} s median of {args.runs}, {pages['text']} pages "
        f"({len(same_text) / 1024:.0f} KiB, {len(visible_text(same_text))} visible characters), "
        f"peak heap {peak['text']:.0f} MiB"
    )
    print(
        f"deliverable (from the DB) : {ours_median:6.2f} s median of {args.runs}, {pages['ours']} pages; "
        f"peak heap {peak['ours']:.0f} MiB; peak RSS of the whole process {idle:.0f} MiB"
    )
    print(
        f"the same HTML, static file: {by_html:6.2f} s median of {args.runs}, {pages['html']} pages "
        "(WeasyPrint's defaults, stylesheet inlined)"
    )
    print(
        f"ratio to the same-length file: {ratio_file:.2f} (target ≤ 1.3; median of per-round ratios)"
    )
    print(
        f"ratio to the same text as plain paragraphs: {ratio_text:.2f} "
        "(for information: the price of headings, rows, tables and charts)"
    )
    print(
        f"ratio to the same HTML as a static file: {ratio_html:.2f} "
        "(for information: what the app adds to WeasyPrint's own work)"
    )
    per_30 = ours_median * 30 / max(pages["ours"], 1)
    print(
        f"30-page target: {'met' if per_30 < 5 else 'missed'} ({per_30:.2f} s for 30 pages at this rate; "
        f"fastest round {min(r[2] for r in rounds) * 30 / max(pages['ours'], 1):.2f} s)"
    )


if __name__ == "__main__":
    main()
