"""The proposal check: rules over a generated framework, the discovery answers and the
requirements, run on every framework generation and every proposal version.

    run_check(framework, answers, requirements, today=…) -> CheckResult

Pure and deterministic: no ORM, no clock (the caller passes the proposal's date, against
which benchmark ages are measured). Each finding names the element (section and element
id), the rule, a plain explanation and the fix; blocking findings stop Publish until fixed
or overridden with a recorded reason. The rules are data (`rules.yaml`: ids, severities,
explanations, fixes, vocabularies) and small functions (`rules/`), registered by id; each
has one failing example in `tests/frameworks/check/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any

from . import rules as _rules  # noqa: F401  (registers the rule functions)
from .data import CheckData, CheckDataError, check_data
from .inputs import CheckInput
from .model import CheckResult, Finding, Rule, Severity
from .registry import FUNCTIONS

__all__ = [
    "CheckDataError",
    "CheckResult",
    "Finding",
    "Rule",
    "Severity",
    "check_problems",
    "registry",
    "rules_version",
    "run_check",
    "run_check_on_snapshot",
]


def _build(data: CheckData) -> tuple[Rule, ...]:
    missing = [m.id for m in data.rules if m.id not in FUNCTIONS]
    unused = sorted(set(FUNCTIONS) - {m.id for m in data.rules})
    if missing or unused:
        raise CheckDataError(
            f"rules without a function: {missing or 'none'}; functions without a rule: "
            f"{unused or 'none'}"
        )
    return tuple(
        Rule(m.id, m.severity, m.title, m.explanation, m.fix, FUNCTIONS[m.id]) for m in data.rules
    )


@cache
def registry() -> tuple[Rule, ...]:
    return _build(check_data())


def rules_version() -> str:
    return check_data().version


def check_problems() -> list[str]:
    """What is wrong with the check's own data (empty when sound): for `manage.py check`."""
    try:
        registry()
    except CheckDataError as exc:
        return [str(exc)]
    return []


def run_check(
    framework: Mapping[str, Any],
    answers: Mapping[str, Any],
    requirements: Iterable[Any],
    *,
    today: date,
    unconfirmed: Iterable[str] = (),
    rules: Iterable[Rule] | None = None,
) -> CheckResult:
    """Every finding of every rule, blocking first, then in document order."""
    data = check_data()
    ci = CheckInput.build(
        framework, answers, requirements, today=today, data=data, unconfirmed=unconfirmed
    )
    order = {item.element_id: index for index, item in enumerate(ci.items)}
    titles = {item.element_id: item.title for item in ci.items}
    defaults = {"max_age": str(data.benchmark_max_age_years)}
    findings: dict[str, Finding] = {}
    for rule in rules if rules is not None else registry():
        for hit in rule.run(ci):
            finding = rule.finding(hit, titles.get(hit.element_id, hit.element_id), defaults)
            findings.setdefault(finding.key, finding)
    ranked = sorted(
        findings.values(),
        key=lambda f: (not f.blocking, order.get(f.element_id, len(order)), f.rule, f.evidence),
    )
    return CheckResult(version=data.version, findings=tuple(ranked))


def run_check_on_snapshot(snapshot: Mapping[str, Any], *, today: date) -> CheckResult:
    """The check of a frozen proposal version, from its snapshot alone."""
    return run_check(
        snapshot.get("framework") or {},
        snapshot.get("answers") or {},
        snapshot.get("requirements") or [],
        today=today,
        unconfirmed=snapshot.get("unconfirmed_answers") or (),
    )
