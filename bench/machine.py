"""How busy the whole machine was while a benchmark ran, from /proc/stat: on a shared
2-core machine a figure taken while a neighbour was busy reads slower than it is."""

from __future__ import annotations

from pathlib import Path


def cpu_sample() -> tuple[int, int]:
    """(busy, total) jiffies over all CPUs."""
    parts = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = parts[3] + (parts[4] if len(parts) > 4 else 0)
    total = sum(parts[:8])
    return total - idle, total


def busy_since(sample: tuple[int, int]) -> float:
    """The share of the machine's CPU time that was busy since `sample` (0 to 1), this
    process included."""
    busy, total = cpu_sample()
    return (busy - sample[0]) / max(total - sample[1], 1)
