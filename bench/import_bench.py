"""Ticket-history import: its speed, and peak memory bounded whatever the file's size.

Writes generated Zendesk exports (tests/evidence/exports.py, documented columns) of
100,000 and 1,000,000 rows to temporary files, streaming (no file is held in memory), then
reads each in a fresh process through the same reader the Celery task uses and prints rows,
megabytes, CPU seconds, seconds per 100,000 rows and the peak memory the read added (the
process's high-water mark over its size before reading). Bounded means the peak stays
flat while the file grows tenfold; the ratio of the two peaks is printed.

The baseline, timed on the same file in the same run: Python's csv module alone reading
every row of it (decoding and splitting, nothing counted). The reader's time over the
baseline's is the price of the aggregation.

    uv run python bench/import_bench.py [rows ...]
"""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def child(path: str, what: str) -> dict[str, float]:
    """Read the file once in this fresh process: the reader, or the bare csv baseline."""
    from evidence.formats import PRESETS
    from evidence.reading import Mapping_, read_export, summary_data

    with open(path, encoding="utf-8") as f:
        header = next(csv.reader(f))
    mapping = Mapping_(PRESETS["zendesk"].suggest(header), "zendesk")
    before = _rss_kb()
    started = time.process_time()
    if what == "reader":
        with open(path, "rb") as raw:
            rows = summary_data(read_export(raw, mapping, "csv"))["tickets"]
    else:
        with open(path, encoding="utf-8-sig", newline="") as text:
            rows = sum(1 for _ in csv.reader(text)) - 1
    seconds = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"rows": rows, "seconds": seconds, "added_kb": max(0, peak - before)}


def _in_child(path: str, what: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", path, what],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1], argv[2])))
        return 0
    from tests.evidence.exports import zendesk_csv

    sizes = [int(a) for a in argv] or [100_000, 1_000_000]
    print(
        f"{'rows':>10} {'MB':>7} {'reader CPU s':>13} {'s/100k':>7} {'csv alone s':>12} "
        f"{'ratio':>6} {'peak added MB':>14}"
    )
    peaks = []
    for rows in sizes:
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            for line in zendesk_csv(rows):
                f.write(line)
            path = f.name
        try:
            size = os.path.getsize(path) / 1e6
            reader = _in_child(path, "reader")
            baseline = _in_child(path, "csv")
        finally:
            os.unlink(path)
        assert reader["rows"] == rows, reader
        peaks.append(reader["added_kb"])
        print(
            f"{rows:>10,} {size:>7.1f} {reader['seconds']:>13.2f} "
            f"{reader['seconds'] / rows * 100_000:>7.2f} {baseline['seconds']:>12.2f} "
            f"{reader['seconds'] / max(baseline['seconds'], 1e-9):>6.1f} "
            f"{reader['added_kb'] / 1024:>14.1f}",
            flush=True,
        )
    if len(peaks) > 1:
        print(
            f"peak added, largest / smallest file: {peaks[-1] / max(peaks[0], 1):.2f} (bounded: near 1 while the "
            f"file grows {sizes[-1] / sizes[0]:.0f}×)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
