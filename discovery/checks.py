from __future__ import annotations

from typing import Any

from django.core import checks

from .bank import BANK


@checks.register()
def question_bank_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [
        checks.Error(f"Question bank: {problem}", id="discovery.E001")
        for problem in BANK.validate()
    ]


@checks.register()
def project_templates_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A built-in template with an answer the bank would refuse fails start-up."""
    from .project_templates import catalogue_problems

    return [
        checks.Error(
            f"Project template: {problem}",
            hint="Fix it in discovery/project_templates.py.",
            id="discovery.E002",
        )
        for problem in catalogue_problems()
    ]
