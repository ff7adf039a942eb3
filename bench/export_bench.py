"""Project export benchmark: time and memory of the JSON export as versions pile up.

    uv run python bench/export_bench.py [--versions 100] [--rounds 3] [--keep]

It seeds a database of its own (a temporary SQLite file: `migrate`, `demo_seed`, then
Northwind Cloud's proposal published again and again through the app's services, a
section note changed before each publish, until the project has `--versions` versions,
each with its framework generation), then measures, on CPU time (`time.process_time`),
interleaved over `--rounds` rounds:

- **the export**: GET of the export URL through Django's test client, signed in, every
  chunk of the streamed body read and dropped, as a browser saving the file would;
- **json.dumps**: the same document, already in memory, encoded by `json.dumps` without
  indentation (the C encoder): the baseline;

and the peak of the Python heap (tracemalloc) while the export is read, and while the
exported file is imported (read, checked, signature verified, written) into another
organization, against the size of the file.

Targets: the export's time at most 2× json.dumps of the same document; the export's peak
at most 64 MiB at 100 versions.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORKDIR = Path(tempfile.mkdtemp(prefix="sb-export-bench-"))
# --reuse DIR: the database a run with --keep left (seeding 100 versions takes a minute).
if "--reuse" in sys.argv:
    shutil.rmtree(WORKDIR)
    WORKDIR = Path(sys.argv[sys.argv.index("--reuse") + 1])
from bench.environment import apply, bench_settings  # noqa: E402

apply(bench_settings(WORKDIR, hosts="testserver,127.0.0.1", PDF_EMBEDDED_RUN="sync"))

import django  # noqa: E402

django.setup()

from bench.machine import busy_since, cpu_sample  # noqa: E402


def seed(versions: int) -> Any:
    from django.core.management import call_command

    from discovery.models import Project
    from frameworks.services import SECTION_KEYS, section_note_save
    from reviews.models import ProposalVersion
    from reviews.services import version_publish

    call_command("migrate", verbosity=0, interactive=False)
    northwind = Project.objects.filter(client_name__startswith="Northwind").order_by("pk")
    if not northwind.exists():
        call_command("demo_seed", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    project = northwind.first()
    user = project.created_by
    sections = sorted(SECTION_KEYS)
    number = ProposalVersion.objects.filter(project=project).count()
    while number < versions:
        number += 1
        section = sections[number % len(sections)]
        section_note_save(
            project=project,
            section=section,
            note=f"Revision {number}: the client asked us to restate this section.",
            intro_override="",
            user=user,
        )
        version_publish(
            project=project,
            change_summary=f"Revision {number} of the notes.",
            user=user,
            incomplete_confirmed=True,
        )
    return project


def cpu(fn: Callable[[], Any]) -> float:
    gc.collect()
    started = time.process_time()
    fn()
    return time.process_time() - started


def peak_mib(fn: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help=f"keep {WORKDIR}")
    parser.add_argument("--reuse", metavar="DIR", help="a directory --keep kept: no seeding")
    args = parser.parse_args()
    args.keep = args.keep or bool(args.reuse)
    try:
        run(args)
    finally:
        if args.keep:
            print(f"kept {WORKDIR}")
        else:
            shutil.rmtree(WORKDIR, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Membership, Organization
    from exports.document import project_export
    from exports.forms import ImportForm
    from exports.importer import project_import

    started_seed = time.monotonic()
    project = seed(args.versions)
    seeded_in = time.monotonic() - started_seed
    user = project.created_by
    client = Client()
    client.force_login(user)
    url = reverse("exports:project_json", args=[project.pk])

    def chunks() -> Any:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        yield from response.streaming_content if response.streaming else [response.content]
        response.close()

    def export() -> int:
        return sum(len(chunk) for chunk in chunks())

    size = export()  # warm-up: templates, bank, first queries
    held = [project_export(project)]

    def dumps() -> None:
        json.dumps(held[0], ensure_ascii=False)

    machine = cpu_sample()
    rounds: list[tuple[float, float]] = []
    for index in range(args.rounds):
        order: list[tuple[str, Callable[[], Any]]] = [("export", export), ("dumps", dumps)]
        times: dict[str, float] = {}
        for name, fn in order if index % 2 == 0 else reversed(order):
            times[name] = cpu(fn)
        rounds.append((times["export"], times["dumps"]))
    busy = busy_since(machine)
    export_peak = peak_mib(export)
    body = b"".join(chunks())
    held.clear()
    gc.collect()

    other, _ = Organization.objects.get_or_create(name="Import target", slug="import-target")
    Membership.objects.get_or_create(
        user=user, organization=other, defaults={"role": Membership.Role.OWNER}
    )

    def import_file() -> None:
        form = ImportForm(
            data={}, files={"file": SimpleUploadedFile("p.json", body, "application/json")}
        )
        if not form.is_valid():
            raise RuntimeError(f"refused: {form.errors.as_text()[:300]}")
        project_import(form.cleaned_data["file"], organization=other, user=user)

    try:
        import_peak: float | None = peak_mib(import_file)
        import_error = ""
    except RuntimeError as exc:
        import_peak, import_error = None, str(exc)

    ours = statistics.median(r[0] for r in rounds)
    base = statistics.median(r[1] for r in rounds)
    ratio = statistics.median(r[0] / r[1] for r in rounds)
    print(
        f"project: {project} with {args.versions} versions (seeded in {seeded_in:.0f} s); "
        f"export {size / 2**20:.1f} MiB; machine {busy:.0%} busy while timing"
    )
    print(
        f"export over HTTP (streamed, read whole): {ours * 1000:7.0f} ms CPU, median of {args.rounds}"
    )
    print(
        f"json.dumps of the same document        : {base * 1000:7.0f} ms CPU, median of {args.rounds}"
    )
    print(f"export peak Python heap                : {export_peak:7.1f} MiB")
    if import_peak is not None:
        print(f"import of that file, peak Python heap  : {import_peak:7.1f} MiB")
    else:
        print(f"import of that file                    : {import_error}")
    print(f"{'PASS' if ratio <= 2 else 'MISS'} export time ≤ 2× json.dumps: {ratio:.2f}×")
    print(
        f"{'PASS' if export_peak <= 64 else 'MISS'} export peak ≤ 64 MiB at "
        f"{args.versions} versions: {export_peak:.1f} MiB"
    )
    if import_peak is not None:
        print(
            f"{'PASS' if import_peak <= 64 else 'MISS'} import peak ≤ 64 MiB: {import_peak:.1f} MiB"
        )
    else:
        print("MISS import of the export: refused (above)")


if __name__ == "__main__":
    main()
