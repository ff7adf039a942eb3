"""Conditions over discovery answers, written as data.

A condition is a small tree of plain dicts, shared by the question bank (show-when) and the
requirement rules:

    {"all": [cond, ...]}          every child holds (an empty list holds)
    {"any": [cond, ...]}          at least one child holds
    {"not": cond}                 the child does not hold
    {"q": "context.channels", "op": "includes", "value": "phone"}
    {"q": "metrics.first_response_time.target", "op": "at_most", "value": 1, "unit": "h"}
    {"q": "context.partners", "op": "any_row", "value": {"share": {"at_least": 50}}}

A quantity answer ({"value": 6, "unit": "min"}) compares in the leaf's `unit`, which a
numeric operator on it must name. `any_row` holds when a row of a list-of-rows answer has
every field as asked: a value (equal, or contained when the field is a list), a list of
values (one of them), or {operator: value} with a numeric operator; `{}` is any row.

Operators are named, so catalogues can be validated when Django starts and a typo is an
error rather than a rule that silently never fires. Evaluation is pure: answers in, bool out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from discovery import units

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
    if isinstance(value, bool) or value is None or isinstance(value, dict):
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


NUMERIC_OPS = ("at_least", "at_most", "greater_than", "between")


def row_matches(row: Any, wanted: Mapping[str, Any]) -> bool:
    """Whether one row ({field: value}) has every field as `wanted` asks (see any_row)."""
    if not isinstance(row, Mapping):
        return False
    for field_id, expected in wanted.items():
        actual = row.get(field_id)
        if isinstance(expected, Mapping):
            if not all(OPERATORS[op](actual, bound) for op, bound in expected.items()):
                return False
        elif isinstance(expected, list | tuple):
            if not (actual in expected or _op_includes_any(actual, expected)):
                return False
        elif not (actual == expected or (isinstance(actual, list) and expected in actual)):
            return False
    return True


def _op_any_row(actual: Any, expected: Any) -> bool:
    if not isinstance(actual, list):
        return False
    return any(row_matches(row, expected or {}) for row in actual)


def _op_count_at_least(actual: Any, expected: Any) -> bool:
    """A list answer (rows, languages, choices) has at least `expected` items."""
    return isinstance(actual, list) and len(actual) >= int(expected)


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
    "any_row": _op_any_row,
    "rows_at_least": _op_count_at_least,
    "count_at_least": _op_count_at_least,
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
    actual = answers.get(condition["q"])
    if "unit" in condition:
        # Only a quantity has a unit to compare in; anything else never matches.
        actual = units.convert(actual, condition["unit"])
    return operator(actual, condition.get("value"))


def leaves(condition: Condition | None) -> Iterator[Mapping[str, Any]]:
    """Every leaf ({"q": …, "op": …}) of a condition tree."""
    if not isinstance(condition, Mapping):
        return
    for key in ("all", "any"):
        if key in condition and isinstance(condition[key], list | tuple):
            for child in condition[key]:
                yield from leaves(child)
            return
    if "not" in condition:
        yield from leaves(condition["not"])
        return
    yield condition


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
    elif condition["op"] == "any_row":
        value = condition.get("value")
        if value is not None and not isinstance(value, Mapping):
            problems.append("'any_row' needs a mapping of field to value")
        for expected in (value or {}).values() if isinstance(value, Mapping) else ():
            if isinstance(expected, Mapping):
                unknown = set(expected) - set(NUMERIC_OPS[:3])
                if unknown:
                    problems.append(
                        f"'any_row' field test uses unknown operators {sorted(unknown)}"
                    )
    if "unit" in keys and units.UNITS.get(units.unit_code(str(condition["unit"]))) is None:
        problems.append(f"unknown unit {condition['unit']!r}")
    unknown_keys = keys - {"q", "op", "value", "unit"}
    if unknown_keys:
        problems.append(f"unknown keys {sorted(unknown_keys)}")
    return problems
