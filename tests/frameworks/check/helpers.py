"""Small frameworks built by hand, so that each rule's test shows exactly what it catches."""

from __future__ import annotations

from datetime import date
from typing import Any

from frameworks.check import CheckResult, registry, run_check

TODAY = date(2026, 12, 2)


def el(
    element_id: str,
    text: str = "A sentence.",
    *,
    kind: str = "note",
    title: str = "An element",
    data: dict[str, Any] | None = None,
    answers: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": element_id,
        "kind": kind,
        "title": title,
        "text": text,
        "data": data or {},
        "trace": {"requirements": [], "answers": answers or []},
    }


def framework(*elements: dict[str, Any], section: str = "summary", **extra: Any) -> dict[str, Any]:
    return {
        "catalogue_versions": {},
        "sections": [
            {
                "key": section,
                "title": "A section",
                "intro": "What this section covers.",
                "elements": list(elements),
                **extra,
            }
        ],
    }


def check(
    rule_id: str,
    fw: dict[str, Any],
    answers: dict[str, Any] | None = None,
    requirements: list[dict[str, Any]] | None = None,
    **kwargs: Any,
) -> CheckResult:
    """Only `rule_id`, so a test sees that rule and nothing else."""
    rules = [r for r in registry() if r.id == rule_id]
    assert rules, f"no rule {rule_id}"
    return run_check(fw, answers or {}, requirements or [], today=TODAY, rules=rules, **kwargs)


def evidence(result: CheckResult) -> list[str]:
    return [f.evidence for f in result.findings]
