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


def print_table(
    results: dict[str, dict[str, dict[str, float]]], base: str, ratio: str, unit: str
) -> None:
    """Medians and p95s per measured call, in µs or ms, and each CPU median as a multiple
    of the `base` call's (the in-run baseline)."""
    scale, digits = (1000, 2) if unit == "ms" else (1, 1)
    width = len(ratio) + 2
    print(
        f"{'':24}{'wall median':>12}{'wall p95':>10}{'cpu median':>12}{'cpu p95':>10}"
        f"{ratio:>{width}}   ({unit})"
    )
    base_cpu = results[base]["cpu"]["median_us"]
    for label, r in results.items():
        print(
            f"{label:<24}{r['wall']['median_us'] / scale:>12.{digits}f}"
            f"{r['wall']['p95_us'] / scale:>10.{digits}f}"
            f"{r['cpu']['median_us'] / scale:>12.{digits}f}{r['cpu']['p95_us'] / scale:>10.{digits}f}"
            f"{r['cpu']['median_us'] / base_cpu:>{width - 1}.1f}×"
        )


def meets_target(name: str, result: dict[str, dict[str, float]], target_ms: float) -> bool:
    """Print the p95 of `name` against its target; True if under it (on CPU time)."""
    cpu_ms, wall_ms = result["cpu"]["p95_us"] / 1000, result["wall"]["p95_us"] / 1000
    met = cpu_ms < target_ms
    print(
        f"{name} p95: {cpu_ms:.2f} ms CPU, {wall_ms:.2f} ms wall; "
        f"target under {target_ms:.0f} ms: {'OK' if met else 'OVER TARGET'}"
    )
    return met
