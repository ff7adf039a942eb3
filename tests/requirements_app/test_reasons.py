"""Why a requirement exists, said in plain words (never a rule id)."""

from __future__ import annotations

from requirements_app.reasons import ADDED_BY_CONSULTANT, plain_reason

TRACE = {
    "firings": [
        {"rule_id": "AUD-B2B-01", "rationale": "Business customers are companies."},
        {"rule_id": "SCALE-02", "rationale": "  Many  accounts need  a directory. "},
        {"rule_id": "AUD-B2B-02", "rationale": "Business customers are companies."},
    ],
    "inputs": [{"question_id": "audience.type", "display": "Businesses"}],
}


def test_the_first_rationale_leads_and_the_others_are_counted_once():
    why = plain_reason("derived", "", TRACE)
    assert why["headline"] == "Business customers are companies."
    assert why["reasons"] == [
        "Business customers are companies.",
        "Many accounts need a directory.",
    ]
    assert why["more"] == 1
    assert why["answers"] == 1
    assert not why["always"]
    assert "AUD-" not in repr(why)


def test_a_method_requirement_says_so():
    why = plain_reason("derived", "", {"firings": TRACE["firings"][:1], "inputs": []})
    assert why["always"]


def test_a_manual_requirement_gives_its_rationale_or_who_added_it():
    assert plain_reason("manual", "The client asked on the call.", {})["headline"] == (
        "The client asked on the call."
    )
    assert plain_reason("manual", "", None)["headline"] == ADDED_BY_CONSULTANT
