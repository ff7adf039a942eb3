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


@checks.register()
def gazetteer_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A broken gazetteer fails `manage.py check` (and so start-up), naming file and entry."""
    from .extraction.gazetteer import gazetteer_problems

    return [
        checks.Error(
            f"Extractor gazetteer: {problem}",
            hint=f"Fix the entry in discovery/extraction/data/{problem.file}.",
            id=problem.check_id,
        )
        for problem in gazetteer_problems()
    ]


@checks.register()
def suggestions_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """What a finding implies must be an answer the question bank accepts."""
    from .suggestions import mapping_problems

    return [
        checks.Error(
            f"Suggestions: {problem}",
            hint="Fix the rule in discovery/suggestions.yaml.",
            id="discovery.E014",
        )
        for problem in mapping_problems()
    ]
