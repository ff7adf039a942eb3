from __future__ import annotations

import re
from typing import Any

from django.core import checks

from . import catalogue

_FILE_RE = re.compile(r"\(([\w.-]+\.yaml)\)")


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
    # "rule channels.email (context.yaml) FR-CHN-002" -> "context.yaml"; "extra.yaml" stays.
    match = _FILE_RE.search(where)
    return match.group(1) if match else where.split()[0]
