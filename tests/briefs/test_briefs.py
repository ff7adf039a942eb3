"""Every client brief through the question bank and the derivation engine: its answers are
ones the wizard could save, the follow-ups an expert would ask are shown, and the
requirements an expert expects are derived (and those that do not apply are not)."""

from __future__ import annotations

import pytest

from discovery.bank import BANK
from discovery.bank.model import check_stored
from requirements_app.catalogue import rule_catalogue
from requirements_app.engine import NOT_ANSWERED, derive

from .loader import Brief, briefs

BRIEFS = briefs()


def ids(brief: Brief) -> str:
    return brief.slug


def test_there_are_at_least_twelve_briefs_of_every_kind():
    assert len(BRIEFS) >= 12
    kinds = {
        "internal": any(b.answers.get("audience.type") in ("internal", "both") for b in BRIEFS),
        "external": any(b.answers.get("audience.type") in ("external", "both") for b in BRIEFS),
        "b2b": any(b.answers.get("audience.market") in ("b2b", "both") for b in BRIEFS),
        "b2c": any(b.answers.get("audience.market") in ("b2c", "both") for b in BRIEFS),
        "provider": any(b.answers.get("audience.service_provider") == "yes" for b in BRIEFS),
        "24x7": any(b.answers.get("context.coverage") == "24x7" for b in BRIEFS),
        "business hours": any(
            b.answers.get("context.coverage") == "business_hours" for b in BRIEFS
        ),
        "health": any("hipaa" in (b.answers.get("scale.compliance") or []) for b in BRIEFS),
        "finance": any(
            set(b.answers.get("scale.sector_rules") or []) & {"fca", "dora", "glba", "finra_sec"}
            for b in BRIEFS
        ),
        "public": any(
            "public_records" in (b.answers.get("scale.sector_rules") or []) for b in BRIEFS
        ),
        "tiny": any((b.answers.get("context.team_size") or 0) <= 3 for b in BRIEFS),
        "huge": any((b.answers.get("context.team_size") or 0) >= 10_000 for b in BRIEFS),
    }
    assert all(kinds.values()), [kind for kind, present in kinds.items() if not present]


@pytest.mark.parametrize("brief", BRIEFS, ids=ids)
def test_the_answers_are_what_the_wizard_would_store(brief):
    for qid, value in brief.answers.items():
        assert qid in BANK.questions, qid
        assert check_stored(BANK.questions[qid], value) is not None, qid
    visible = BANK.visibility(brief.answers)
    hidden = [qid for qid in brief.answers if not visible[qid]]
    assert hidden == [], "answers to follow-ups these answers do not show"


@pytest.mark.parametrize("brief", BRIEFS, ids=ids)
def test_the_follow_ups_an_expert_would_ask_are_shown(brief):
    visible = BANK.visibility(brief.answers)
    for qid in brief.asked:
        assert BANK.questions[qid].is_follow_up, f"{qid} is not a follow-up"
        assert visible[qid], f"{qid} is not asked"


@pytest.mark.parametrize("brief", BRIEFS, ids=ids)
def test_the_requirements_an_expert_expects_are_derived(brief):
    known = set(rule_catalogue().codes)
    derived = {r.code: r for r in derive(brief.answers)}
    for code, priority in brief.required.items():
        assert code in known, f"{code} is not a code of the rule catalogue"
        assert code in derived, f"{code} is not derived"
        if priority != "any":
            assert derived[code].priority == priority, (code, derived[code].priority)
    for code in brief.not_required:
        assert code in known, f"{code} is not a code of the rule catalogue"
        assert code not in derived, f"{code} is derived but does not apply"


@pytest.mark.parametrize("brief", BRIEFS, ids=ids)
def test_no_requirement_reads_not_stated(brief):
    # A requirement says only what was answered: a sentence about an unanswered detail is
    # conditioned on it ([[ … ]] in the rules), never filled with "(not stated)".
    for requirement in derive(brief.answers):
        text = " ".join(
            (requirement.title, requirement.description, *requirement.acceptance_criteria)
        )
        assert NOT_ANSWERED not in text, (requirement.code, text)


@pytest.mark.parametrize("brief", BRIEFS, ids=ids)
def test_the_extractor_hears_what_the_brief_says(brief):
    """The brief's prose, as a consultant would paste it into a free-text answer: every
    finding listed under `extracted.heard` is found (negated ones as negated), and none
    of the wrong readings under `not_heard`."""
    from discovery.extraction import extract
    from discovery.extraction.evaluation import finding_label

    slot = brief.extracted
    assert isinstance(slot, dict), "fill the brief's extracted slot"
    assert slot.get("heard")
    found = {finding_label(f) for f in extract(brief.brief)}
    assert set(slot["heard"]) <= found, sorted(set(slot["heard"]) - found)
    assert not set(slot.get("not_heard") or []) & found


@pytest.mark.parametrize("brief", BRIEFS, ids=ids)
def test_what_is_heard_agrees_with_the_answers_an_expert_entered(brief):
    """Each suggestion the brief's prose makes that adds a choice to a question the
    brief answers adds one the expert chose: accepting what was heard never contradicts
    the scenario's answers."""
    from discovery import suggestions
    from discovery.extraction import extract

    findings = extract(brief.brief)
    # Known misreadings, listed in the brief with the phrase misread: each must still
    # occur (so the entry is removed once the extractor reads the phrase right).
    misread = {str(m["phrase"]): m for m in (brief.extracted or {}).get("misread") or []}
    wrong, seen = [], set()
    for finding in findings:
        for answer in suggestions.implied(finding, findings):
            have = brief.answers.get(answer.question_id)
            if answer.op == "add" and have is not None and answer.value not in have:
                if finding.text in misread and misread[finding.text]["value"] == answer.value:
                    seen.add(finding.text)
                    continue
                wrong.append((finding.label, answer.question_id, answer.value))
    assert not wrong
    assert seen == set(misread), f"no longer misread: {sorted(set(misread) - seen)}"
