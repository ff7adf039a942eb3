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


@checks.register()
def plan_shapes(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A broken plan_shapes.yaml (an unknown question, phase or placeholder) fails
    `manage.py check` (and start-up)."""
    from discovery.bank import BANK

    from .generators.action_plan import validate_plan_shapes

    return [
        checks.Error(
            f"Action plan shapes: {problem}",
            hint="Fix frameworks/generators/plan_shapes.yaml.",
            id="frameworks.E002",
        )
        for problem in validate_plan_shapes(set(BANK.questions))
    ]
