"""The condition language: every operator, the combinators and validation (no database)."""

from __future__ import annotations

import pytest

from discovery.conditions import (
    OPERATORS,
    evaluate,
    referenced_questions,
    validate_condition,
)


def leaf(op: str, value=None, q: str = "x") -> dict:
    return {"q": q, "op": op, "value": value}


@pytest.mark.parametrize(
    ("op", "value", "answer", "expected"),
    [
        ("equals", "b2b", "b2b", True),
        ("equals", "b2b", "b2c", False),
        ("equals", 3, 3, True),
        ("equals", "b2b", None, False),
        ("not_equals", "b2b", "b2c", True),
        ("not_equals", "b2b", "b2b", False),
        # Unanswered is not "something other than b2b": a follow-up must not appear on nothing.
        ("not_equals", "b2b", None, False),
        ("not_equals", "b2b", "", False),
        ("in", ["external", "both"], "both", True),
        ("in", ["external", "both"], "internal", False),
        ("in", ["external", "both"], None, False),
        ("in", "external", "external", True),
        ("includes", "phone", ["email", "phone"], True),
        ("includes", "phone", ["email"], False),
        ("includes", "phone", "phone", True),
        ("includes", "phone", None, False),
        ("includes", "phone", [], False),
        ("includes_any", ["none", "spreadsheets_inbox"], ["zendesk", "spreadsheets_inbox"], True),
        ("includes_any", ["none", "spreadsheets_inbox"], ["zendesk"], False),
        ("includes_any", ["none"], None, False),
        ("includes_all", ["a", "b"], ["a", "b", "c"], True),
        ("includes_all", ["a", "b"], ["a", "c"], False),
        ("includes_all", [], ["a"], True),
        ("at_least", 1.5, 1.5, True),
        ("at_least", 1.5, 1.49, False),
        ("at_least", 1.5, 4, True),
        ("at_least", 1.5, "2", True),
        ("at_least", 1.5, None, False),
        ("at_least", 1.5, "lots", False),
        # A boolean is not a number, even though Python says True == 1.
        ("at_least", 1, True, False),
        ("at_most", 10, 10, True),
        ("at_most", 10, 10.01, False),
        ("at_most", 10, None, False),
        ("greater_than", 10, 10, False),
        ("greater_than", 10, 10.5, True),
        ("greater_than", 10, None, False),
        ("between", [1, 5], 1, True),
        ("between", [1, 5], 5, True),
        ("between", [1, 5], 3.3, True),
        ("between", [1, 5], 0.99, False),
        ("between", [1, 5], 5.01, False),
        ("between", [1, 5], None, False),
        ("between", (1, 5), "4", True),
        ("answered", None, "text", True),
        ("answered", None, 0, True),
        ("answered", None, ["a"], True),
        ("answered", None, None, False),
        ("answered", None, "", False),
        ("answered", None, [], False),
        ("answered", True, "text", True),
        ("answered", False, None, True),
        ("answered", False, "text", False),
        ("answered_other_than", ["none"], ["gdpr"], True),
        ("answered_other_than", ["none"], ["gdpr", "none"], True),
        ("answered_other_than", ["none"], ["none"], False),
        ("answered_other_than", ["none"], [], False),
        ("answered_other_than", ["none"], None, False),
        ("answered_other_than", ["none", "spreadsheets_inbox"], ["spreadsheets_inbox"], False),
        ("answered_other_than", ["none", "spreadsheets_inbox"], ["zendesk", "none"], True),
        ("answered_other_than", "none", "eu", True),
        ("answered_other_than", "none", "none", False),
        ("any_row", {}, [{"name": "A"}], True),
        ("any_row", {}, [], False),
        ("any_row", {}, None, False),
        ("any_row", {"class": "ehr"}, [{"class": "rmm"}, {"class": "ehr"}], True),
        ("any_row", {"class": "ehr"}, [{"class": "rmm"}], False),
        ("any_row", {"class": ["ehr", "gis"]}, [{"class": "gis"}], True),
        ("any_row", {"share": {"at_least": 50}}, [{"share": 20}, {"share": 60}], True),
        ("any_row", {"share": {"at_least": 50}}, [{"share": 20}, {"name": "x"}], False),
        ("any_row", {"class": "ehr", "direction": "both"}, [{"class": "ehr"}], False),
        ("any_row", {"role": "field"}, "not rows", False),
        ("rows_at_least", 2, [{"a": 1}, {"a": 2}], True),
        ("rows_at_least", 2, [{"a": 1}], False),
        ("rows_at_least", 1, None, False),
        ("count_at_least", 2, ["en", "de"], True),
        ("count_at_least", 3, ["en", "de"], False),
    ],
)
def test_operator(op, value, answer, expected):
    assert evaluate(leaf(op, value), {"x": answer}) is expected


def test_every_operator_is_covered_by_the_table():
    covered = {
        "equals",
        "not_equals",
        "in",
        "includes",
        "includes_any",
        "includes_all",
        "at_least",
        "at_most",
        "greater_than",
        "between",
        "answered",
        "answered_other_than",
        "any_row",
        "rows_at_least",
        "count_at_least",
    }
    assert set(OPERATORS) == covered


@pytest.mark.parametrize(
    ("value", "unit", "op", "bound", "expected"),
    [
        ({"value": 30, "unit": "min"}, "h", "at_most", 0.5, True),
        ({"value": 31, "unit": "min"}, "h", "at_most", 0.5, False),
        ({"value": 2, "unit": "h"}, "min", "at_least", 120, True),
        ({"value": 45, "unit": "s"}, "s", "greater_than", 30, True),
        ({"value": 1, "unit": "d"}, "h", "between", [20, 30], True),
        # A bare number has no unit: it never compares, rather than being off by 60.
        (0.5, "h", "at_most", 1, False),
    ],
)
def test_a_quantity_compares_in_the_unit_the_condition_names(value, unit, op, bound, expected):
    condition = {"q": "x", "op": op, "value": bound, "unit": unit}
    assert evaluate(condition, {"x": value}) is expected


def test_validate_condition_knows_units_and_row_tests():
    assert validate_condition(
        {"q": "x", "op": "at_most", "value": 1, "unit": "fortnights"}, {"x"}
    ) == ["unknown unit 'fortnights'"]
    assert validate_condition({"q": "x", "op": "any_row", "value": [1]}, {"x"}) == [
        "'any_row' needs a mapping of field to value"
    ]
    assert validate_condition({"q": "x", "op": "equals", "value": 1, "when": 2}, {"x"}) == [
        "unknown keys ['when']"
    ]


def test_an_unanswered_question_is_missing_from_the_answers():
    assert evaluate(leaf("answered", None, q="missing"), {}) is False
    assert evaluate(leaf("includes", "phone", q="missing"), {}) is False


def test_none_condition_always_holds():
    assert evaluate(None, {}) is True


def test_all_needs_every_child():
    condition = {"all": [leaf("equals", 1, q="a"), leaf("equals", 2, q="b")]}
    assert evaluate(condition, {"a": 1, "b": 2}) is True
    assert evaluate(condition, {"a": 1, "b": 3}) is False
    assert evaluate(condition, {}) is False


def test_any_needs_one_child():
    condition = {"any": [leaf("equals", 1, q="a"), leaf("equals", 2, q="b")]}
    assert evaluate(condition, {"a": 0, "b": 2}) is True
    assert evaluate(condition, {"a": 1}) is True
    assert evaluate(condition, {"a": 0, "b": 0}) is False


def test_empty_all_holds_and_empty_any_does_not():
    assert evaluate({"all": []}, {}) is True
    assert evaluate({"any": []}, {}) is False


def test_not_negates():
    condition = {"not": leaf("includes", "phone")}
    assert evaluate(condition, {"x": ["email"]}) is True
    assert evaluate(condition, {"x": ["phone"]}) is False


def test_nested_combinators():
    condition = {
        "all": [
            {
                "any": [
                    leaf("includes", "phone", q="channels"),
                    leaf("includes", "chat", q="channels"),
                ]
            },
            {"not": leaf("equals", "internal", q="audience")},
        ]
    }
    assert evaluate(condition, {"channels": ["chat"], "audience": "external"}) is True
    assert evaluate(condition, {"channels": ["chat"], "audience": "internal"}) is False
    assert evaluate(condition, {"channels": ["email"], "audience": "external"}) is False


def test_referenced_questions_in_order():
    condition = {
        "all": [
            leaf("equals", 1, q="a"),
            {"any": [leaf("equals", 1, q="b"), {"not": leaf("equals", 1, q="c")}]},
        ]
    }
    assert list(referenced_questions(condition)) == ["a", "b", "c"]
    assert list(referenced_questions(None)) == []


KNOWN = {"a", "b"}


def test_a_sound_condition_has_no_problems():
    condition = {"all": [leaf("between", [1, 2], q="a"), {"not": leaf("answered", q="b")}]}
    assert validate_condition(condition, KNOWN) == []
    assert validate_condition(None, KNOWN) == []


def test_unknown_question_is_reported():
    assert validate_condition(leaf("equals", 1, q="nope"), KNOWN) == ["unknown question id 'nope'"]


def test_unknown_operator_is_reported():
    assert validate_condition(leaf("contains", 1, q="a"), KNOWN) == ["unknown operator 'contains'"]


def test_unknown_question_and_operator_are_both_reported():
    problems = validate_condition(leaf("contains", 1, q="nope"), KNOWN)
    assert problems == ["unknown question id 'nope'", "unknown operator 'contains'"]


@pytest.mark.parametrize("value", [None, 5, [1], [1, 2, 3], "1-5"])
def test_between_needs_a_pair(value):
    assert validate_condition(leaf("between", value, q="a"), KNOWN) == [
        "'between' needs a [low, high] value"
    ]


def test_problems_are_found_inside_combinators():
    condition = {
        "any": [
            leaf("equals", 1, q="a"),
            {"not": {"all": [leaf("equals", 1, q="zzz"), leaf("bogus", 1, q="b")]}},
        ]
    }
    assert validate_condition(condition, KNOWN) == [
        "unknown question id 'zzz'",
        "unknown operator 'bogus'",
    ]


def test_malformed_shapes_are_reported():
    assert validate_condition({"all": leaf("equals", 1, q="a")}, KNOWN) == [
        "'all' needs a list of conditions"
    ]
    assert validate_condition({"q": "a"}, KNOWN) == [
        "a leaf condition needs 'q' and 'op', got ['q']"
    ]
    assert validate_condition(["a"], KNOWN) == ["a condition must be a mapping, not list"]  # type: ignore[arg-type]
