"""Timing shared by the in-process benchmarks: wall and CPU time per call."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def percentiles(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "median_us": statistics.median(samples),
        "p95_us": samples[int(0.95 * (len(samples) - 1))],
    }


def time_calls(fn: Callable[[], Any], repetitions: int) -> dict[str, dict[str, float]]:
    """Wall and CPU time per call. CPU time (this thread only) stays meaningful when other
    processes share the machine; wall time is what a request would feel."""
    for _ in range(min(50, repetitions)):  # warm caches before measuring
        fn()
    wall, cpu = [], []
    for _ in range(repetitions):
        start_cpu = time.thread_time_ns()
        start = time.perf_counter_ns()
        fn()
        wall.append((time.perf_counter_ns() - start) / 1000)
        cpu.append((time.thread_time_ns() - start_cpu) / 1000)
    return {"wall": percentiles(wall), "cpu": percentiles(cpu)}
