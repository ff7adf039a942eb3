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
