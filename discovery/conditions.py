"""Conditions over discovery answers, written as data.

A condition is a small tree of plain dicts, shared by the question bank (show-when) and the
requirement rules:

    {"all": [cond, ...]}          every child holds (an empty list holds)
    {"any": [cond, ...]}          at least one child holds
    {"not": cond}                 the child does not hold
    {"q": "context.channels", "op": "includes", "value": "phone"}

Operators are named, so catalogues can be validated when Django starts and a typo is an
error rather than a rule that silently never fires. Evaluation is pure: answers in, bool out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

Answers = Mapping[str, Any]
Condition = Mapping[str, Any]


def _is_answered(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | tuple | set | dict):
        return len(value) > 0
    return True


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple | set):
        return list(value)
    return [value]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _op_equals(actual: Any, expected: Any) -> bool:
    return actual == expected


def _op_not_equals(actual: Any, expected: Any) -> bool:
    return _is_answered(actual) and actual != expected


def _op_in(actual: Any, expected: Any) -> bool:
    return actual in _as_list(expected)


def _op_includes(actual: Any, expected: Any) -> bool:
    """The answer (a list, or a single value) contains the expected value."""
    return expected in _as_list(actual)


def _op_includes_any(actual: Any, expected: Any) -> bool:
    values = _as_list(actual)
    return any(item in values for item in _as_list(expected))


def _op_includes_all(actual: Any, expected: Any) -> bool:
    values = _as_list(actual)
    return all(item in values for item in _as_list(expected))


def _op_at_least(actual: Any, expected: Any) -> bool:
    number = _number(actual)
    return number is not None and number >= float(expected)


def _op_at_most(actual: Any, expected: Any) -> bool:
    number = _number(actual)
    return number is not None and number <= float(expected)


def _op_greater_than(actual: Any, expected: Any) -> bool:
    number = _number(actual)
    return number is not None and number > float(expected)


def _op_between(actual: Any, expected: Any) -> bool:
    number = _number(actual)
    low, high = expected
    return number is not None and float(low) <= number <= float(high)


def _op_answered(actual: Any, expected: Any) -> bool:
    return _is_answered(actual) is bool(expected if expected is not None else True)


def _op_answered_other_than(actual: Any, expected: Any) -> bool:
    """Answered with at least one value that is not in `expected` (e.g. anything but none)."""
    excluded = _as_list(expected)
    return any(item not in excluded for item in _as_list(actual) if _is_answered(item))


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "equals": _op_equals,
    "not_equals": _op_not_equals,
    "in": _op_in,
    "includes": _op_includes,
    "includes_any": _op_includes_any,
    "includes_all": _op_includes_all,
    "at_least": _op_at_least,
    "at_most": _op_at_most,
    "greater_than": _op_greater_than,
    "between": _op_between,
    "answered": _op_answered,
    "answered_other_than": _op_answered_other_than,
}


class ConditionError(ValueError):
    pass


def evaluate(condition: Condition | None, answers: Answers) -> bool:
    """True when `condition` holds for `answers`. `None` always holds."""
    if condition is None:
        return True
    if "all" in condition:
        return all(evaluate(child, answers) for child in condition["all"])
    if "any" in condition:
        return any(evaluate(child, answers) for child in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], answers)
    operator = OPERATORS[condition["op"]]
    return operator(answers.get(condition["q"]), condition.get("value"))


def referenced_questions(condition: Condition | None) -> Iterator[str]:
    """Every question id a condition reads, in order of appearance."""
    if condition is None:
        return
    for key in ("all", "any"):
        if key in condition:
            for child in condition[key]:
                yield from referenced_questions(child)
            return
    if "not" in condition:
        yield from referenced_questions(condition["not"])
        return
    yield condition["q"]


def validate_condition(condition: Condition | None, known_questions: set[str]) -> list[str]:
    """Problems with a condition's shape, operators and question ids (empty when sound)."""
    problems: list[str] = []
    if condition is None:
        return problems
    if not isinstance(condition, Mapping):
        return [f"a condition must be a mapping, not {type(condition).__name__}"]
    keys = set(condition)
    if keys & {"all", "any"}:
        key = "all" if "all" in keys else "any"
        children = condition[key]
        if not isinstance(children, list | tuple):
            return [f"'{key}' needs a list of conditions"]
        for child in children:
            problems.extend(validate_condition(child, known_questions))
        return problems
    if "not" in keys:
        return validate_condition(condition["not"], known_questions)
    if "q" not in keys or "op" not in keys:
        return [f"a leaf condition needs 'q' and 'op', got {sorted(keys)}"]
    if condition["q"] not in known_questions:
        problems.append(f"unknown question id {condition['q']!r}")
    if condition["op"] not in OPERATORS:
        problems.append(f"unknown operator {condition['op']!r}")
    elif condition["op"] == "between":
        value = condition.get("value")
        if not (isinstance(value, list | tuple) and len(value) == 2):
            problems.append("'between' needs a [low, high] value")
    return problems
