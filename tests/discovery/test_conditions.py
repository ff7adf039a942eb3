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
    }
    assert set(OPERATORS) == covered


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
