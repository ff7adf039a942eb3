"""PDF benchmark: what the app adds to WeasyPrint.

    uv run python bench/pdf_bench.py [--runs 5] [--keep]

It seeds a database of its own (a temporary SQLite file: `migrate`, then `demo_seed`, which
publishes Northwind Cloud's proposal v1), then times, in interleaved rounds, on CPU time:

- **the app**: the job's whole path for the largest published version: the document
  context from the stored version, the templates, the charts, then WeasyPrint through the
  app's renderer (its URL fetcher, its parsed print stylesheet, its font configuration and
  image cache);
- **WeasyPrint alone on the same HTML**: that HTML saved as a static file, rendered by
  WeasyPrint with the print stylesheet and the fonts prepared as the app prepares them
  (parsed once, one font configuration, an image cache), WeasyPrint's default fetcher.

Targets: the app's time over WeasyPrint's, at most 1.05 (median of the per-round ratios),
and a 30-page deliverable under 5 s (the app's median scaled to 30 pages). Peak memory is
the Python heap's peak during one render (tracemalloc).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORKDIR = Path(tempfile.mkdtemp(prefix="sb-pdf-bench-"))
# Settings are read from the environment at import: a database, media and static root of
# its own, production template caching (DEBUG off), no broker.
from bench.environment import apply, bench_settings  # noqa: E402

apply(
    bench_settings(
        WORKDIR,
        PDF_EMBEDDED_RUN="sync",
        # demo_seed invites Northwind's reviewer: keep that email in memory rather than
        # retrying a mail server that a benchmark machine does not run.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        EMAIL_EMBEDDED_RUN="sync",
    )
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from weasyprint import HTML  # noqa: E402

from deliverables import render  # noqa: E402
from deliverables.jobs import deliverable_for_version  # noqa: E402
from reviews.models import ProposalVersion  # noqa: E402


def seed() -> ProposalVersion:
    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo_seed", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    versions = ProposalVersion.objects.select_related("project__organization")
    if not versions:
        raise SystemExit("demo_seed published no version")
    return max(versions, key=lambda v: len(v.snapshot.get("requirements", [])))


def timed(fn: Callable[[], int]) -> tuple[float, int]:
    """CPU seconds of one call and the pages it made: on a shared machine wall time mostly
    measures the neighbours."""
    started = time.process_time()
    pages = fn()
    return time.process_time() - started, pages


def peak_heap_mib(fn: Callable[[], int]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help=f"keep {WORKDIR}")
    args = parser.parse_args()
    try:
        version = seed()
        html = deliverable_for_version(version)
        static_copy = WORKDIR / "deliverable.html"
        static_copy.write_text(html)
        base_url = (ROOT / "static").as_uri() + "/"
        # Prepared as the app prepares them (deliverables.render): the stylesheet parsed
        # once with one font configuration, shared by every render, and an image cache.
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        sheet = CSS(filename=str(render.PRINT_CSS), font_config=fonts)
        images: dict[str, object] = {}

        def app() -> int:
            return render.render_pdf_pages(deliverable_for_version(version))[1]

        def weasyprint_alone() -> int:
            document = HTML(filename=str(static_copy), base_url=base_url).render(
                stylesheets=[sheet], font_config=fonts, cache=images, presentational_hints=False
            )
            document.write_pdf()
            return len(document.pages)

        app()  # warm-up: fonts, stylesheet, templates, first-render costs
        weasyprint_alone()
        rounds: list[tuple[float, float]] = []
        pages = {"app": 0, "alone": 0}
        for index in range(args.runs):
            # Alternate which goes first, so that neither always runs on a warmer machine.
            order = (("app", app), ("alone", weasyprint_alone))
            results: dict[str, float] = {}
            for name, fn in order if index % 2 == 0 else reversed(order):
                results[name], pages[name] = timed(fn)
            rounds.append((results["app"], results["alone"]))
        heap = {"app": peak_heap_mib(app), "alone": peak_heap_mib(weasyprint_alone)}
    finally:
        if args.keep:
            print(f"kept {WORKDIR}")
        else:
            shutil.rmtree(WORKDIR, ignore_errors=True)

    ours = statistics.median(r[0] for r in rounds)
    alone = statistics.median(r[1] for r in rounds)
    ratio = statistics.median(r[0] / r[1] for r in rounds)
    per_30 = ours * 30 / max(pages["app"], 1)
    print(
        f"deliverable: {version.project} {version.label}: {len(html) / 1024:.0f} KiB of HTML, "
        f"{pages['app']} pages"
    )
    print(
        f"the app (stored version → PDF): {ours:6.2f} s CPU, median of {args.runs}; "
        f"peak heap {heap['app']:.0f} MiB"
    )
    print(
        f"WeasyPrint alone, same HTML   : {alone:6.2f} s CPU, median of {args.runs}, "
        f"{pages['alone']} pages; peak heap {heap['alone']:.0f} MiB"
    )
    print(
        f"overhead of the app over WeasyPrint: {ratio:.3f} (median of per-round ratios; "
        f"target ≤ 1.05: {'met' if ratio <= 1.05 else 'MISSED'})"
    )
    print(
        f"30-page deliverable: {per_30:.2f} s at this rate (target under 5 s: "
        f"{'met' if per_30 < 5 else 'MISSED'}; fastest round "
        f"{min(r[0] for r in rounds) * 30 / max(pages['app'], 1):.2f} s)"
    )


if __name__ == "__main__":
    main()
