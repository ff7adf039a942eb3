"""Derivation benchmark: derive() for the largest scenario, against baselines in the same run.

    uv run python bench/derive_bench.py                  # 2,000 repetitions
    uv run python bench/derive_bench.py --repetitions 500

Baselines: copying the answers dict (the floor of touching the input at all) and
BANK.effective_answers() alone (the visibility pass derive() starts with). The target for
derive() is well under 10 ms per call; timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.timing import meets_target, print_table, time_calls  # noqa: E402
from discovery.bank import BANK  # noqa: E402
from discovery.scenarios import SCENARIOS  # noqa: E402
from requirements_app.catalogue import rule_catalogue  # noqa: E402
from requirements_app.engine import derive  # noqa: E402

TARGET_MS = 10.0


def largest_scenario() -> tuple[str, dict[str, Any]]:
    """The scenario that yields the most requirements (ties: the most answers)."""
    return max(SCENARIOS.items(), key=lambda item: (len(derive(item[1])), len(item[1])))


def run(repetitions: int = 2000) -> dict[str, Any]:
    catalogue = rule_catalogue()  # loaded once per process; not part of a derivation
    name, answers = largest_scenario()
    results = {
        "copy answers dict": time_calls(lambda: dict(answers), repetitions),
        "BANK.effective_answers": time_calls(lambda: BANK.effective_answers(answers), repetitions),
        "derive": time_calls(lambda: derive(answers, catalogue), repetitions),
    }
    return {
        "scenario": name,
        "answers": len(answers),
        "requirements": len(derive(answers, catalogue)),
        "rules": len(catalogue.rules),
        "repetitions": repetitions,
        "results": results,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=2000)
    args = parser.parse_args(argv)

    report = run(args.repetitions)
    results = report["results"]
    print(
        f"derive() on {report['scenario']}: {report['answers']} answers -> "
        f"{report['requirements']} requirements from {report['rules']} rules, "
        f"{report['repetitions']:,} repetitions, load average {os.getloadavg()[0]:.1f}"
    )
    print_table(results, "BANK.effective_answers", "cpu × effective", "µs")
    return 0 if meets_target("derive()", results["derive"], TARGET_MS) else 1


if __name__ == "__main__":
    raise SystemExit(main())
