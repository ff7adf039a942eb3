from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from requirements_app.registry import catalogue_summaries


class Command(BaseCommand):
    help = "Print each knowledge catalogue with its version and size."
    # Report on a broken catalogue instead of refusing to run because of it.
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        summaries = catalogue_summaries()
        width = max(len(s.name) for s in summaries)
        for summary in summaries:
            sizes = ", ".join(f"{count:,} {label}" for label, count in summary.sizes)
            line = f"{summary.name:<{width}}  version {summary.version:<12}  {sizes}"
            if summary.problems:
                self.stdout.write(
                    self.style.ERROR(f"{line}  INVALID: {len(summary.problems)} problem(s)")
                )
                for problem in summary.problems:
                    self.stdout.write(f"  - {problem}")
            else:
                self.stdout.write(line)
        invalid = [s.name for s in summaries if s.problems]
        if invalid:
            raise CommandError(f"Invalid catalogue(s): {', '.join(invalid)}")
