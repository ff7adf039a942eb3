from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register()
def proposal_check_rules(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A broken rules.yaml of the proposal check fails `manage.py check` (and start-up)."""
    from .check import check_problems

    return [
        checks.Error(
            f"Proposal check: {problem}",
            hint="Fix frameworks/check/rules.yaml or the rule functions in frameworks/check/rules/.",
            id="frameworks.E001",
        )
        for problem in check_problems()
    ]
