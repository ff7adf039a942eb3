from __future__ import annotations

from typing import Any

from django.core import checks

from . import catalogue


@checks.register()
def rule_catalogue_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A broken rule catalogue fails `manage.py check` (and so start-up), naming the rule."""
    return [
        checks.Error(
            f"Requirement rule catalogue: {problem}",
            hint=f"Fix the rule in requirements_app/rules/{_file(problem.where)}.",
            id=problem.check_id,
        )
        for problem in catalogue.catalogue_problems()
    ]


def _file(where: str) -> str:
    # "rule channels.email (context.yaml)" -> "context.yaml"; a bare file name stays as is.
    if where.endswith(")") and "(" in where:
        return where[where.rindex("(") + 1 : -1]
    return where.split()[0]
