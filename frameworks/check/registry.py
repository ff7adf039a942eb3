"""Rule functions, registered under the ids of `rules.yaml`."""

from __future__ import annotations

from collections.abc import Callable

from .model import RuleFunction

FUNCTIONS: dict[str, RuleFunction] = {}


def rule(rule_id: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in FUNCTIONS:
            raise ValueError(f"two functions for rule {rule_id!r}")
        FUNCTIONS[rule_id] = function
        return function

    return register
