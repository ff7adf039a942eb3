"""Ticket-history import: peak memory stays bounded whatever the file's size.

Streams generated Zendesk exports (tests/evidence/exports.py, documented columns) of
100,000 and 1,000,000 rows through the same reader the Celery task uses, produced as they
are read (no file is held in memory), and prints rows, seconds, bytes read and the peak
traced memory of each, with the ratio of the two peaks. Bounded means the ratio stays near
1 while the file grows tenfold.

    uv run python bench/import_bench.py [rows ...]
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evidence.formats import PRESETS  # noqa: E402
from evidence.reading import Mapping_, read_export, summary_data  # noqa: E402
from tests.evidence.exports import Stream, zendesk_csv  # noqa: E402


class Counting(Stream):
    read_bytes = 0

    def readinto(self, target):  # type: ignore[override]
        n = super().readinto(target)
        self.read_bytes += n
        return n


def run(rows: int) -> tuple[float, int, int, int]:
    header = next(zendesk_csv(0)).strip().split(",")
    mapping = Mapping_(PRESETS["zendesk"].suggest(header), "zendesk")
    stream = Counting(zendesk_csv(rows))
    tracemalloc.start()
    started = time.process_time()
    summary = summary_data(read_export(stream, mapping, "csv"))
    seconds = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert summary["tickets"] == rows
    return seconds, stream.read_bytes, peak, summary["tickets"]


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]
    peaks = []
    print(f"{'rows':>10} {'MB read':>9} {'CPU s':>7} {'peak MB':>8}")
    for rows in sizes:
        seconds, read, peak, tickets = run(rows)
        peaks.append(peak)
        print(f"{tickets:>10,} {read / 1e6:>9.1f} {seconds:>7.1f} {peak / 1e6:>8.2f}")
    if len(peaks) > 1:
        print(f"peak ratio, largest / smallest file: {peaks[-1] / peaks[0]:.2f}")


if __name__ == "__main__":
    main()
