"""The derivation engine: text, priorities, trace, fingerprints, order. No database."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from discovery.bank import BANK
from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from requirements_app import catalogue as catalogue_module
from requirements_app.engine import NOT_ANSWERED, derive
from tests.requirements_app.clients import HARBOR_CLINIC


def by_code(answers, **kwargs):
    return {r.code: r for r in derive(answers, **kwargs)}


# --- description formatting -----------------------------------------------------------------


def test_it_quotes_answers_formatted_as_the_bank_displays_them():
    derived = by_code({**VERDE, "scale.volume_now": 4000, "scale.peak_factor": 3})

    assert derived["NFR-SCL-001"].description.startswith(
        "Handle 4,000 tickets a month with peaks of 3×, growing to 5,000 a month in 12 months"
    )


def test_it_keeps_the_unit_unless_the_placeholder_asks_for_the_bare_number():
    derived = by_code(NORTHWIND)

    assert "Support mailboxes (1,200 / month)" in derived["FR-CHN-002"].description
    assert "up to 2 chats at once" in derived["FR-CHN-005"].description


def test_it_shows_choice_labels_not_stored_values():
    derived = by_code(CONTOSO)

    assert derived["FR-SEC-001"].title == "Single sign-on with Microsoft Entra ID (Azure AD)"
    assert "German, Portuguese and English" in derived["NFR-LOC-001"].description


def test_a_sentence_about_an_unanswered_detail_is_left_out():
    derived = by_code(CONTOSO)  # Contoso named no phone system

    description = derived["FR-CHN-003"].description
    assert NOT_ANSWERED not in description
    assert description.endswith("integrating with the phone system in use.")
    assert "(average handle time 8 min)" in description


def test_acceptance_criteria_are_rendered_too():
    derived = by_code(VERDE)

    assert derived["FR-RPT-013"].acceptance_criteria[0] == (
        "The KPI dashboard shows Customer satisfaction (CSAT) per week and month, "
        "with the target line."
    )


# --- priorities -------------------------------------------------------------------------------


def test_a_priority_override_applies_when_its_condition_holds():
    small_external = by_code(NORTHWIND)  # external audience, 3 agents
    internal = by_code(CONTOSO)

    assert small_external["FR-SEC-001"].priority == "should"
    assert internal["FR-SEC-001"].priority == "must"


def test_the_first_matching_override_wins(tmp_path):
    rules_dir = copy_catalogue(tmp_path)
    append_rules(
        rules_dir,
        """
- id: test.first_match
  when: {q: context.channels, op: includes, value: email}
  rationale: test
  then:
    - code: FR-TKT-099
      title: Test
      description: Test
      acceptance: [Test]
      kind: functional
      category: ticket_management
      priority: could
      priority_when:
        - {when: {q: context.team_size, op: at_least, value: 1}, priority: should}
        - {when: {q: context.team_size, op: at_least, value: 2}, priority: must}
""",
    )
    test_catalogue = catalogue_module.load_catalogue(rules_dir)

    assert by_code(NORTHWIND, catalogue=test_catalogue)["FR-TKT-099"].priority == "should"
    assert (
        by_code({**NORTHWIND, "context.team_size": None}, catalogue=test_catalogue)[
            "FR-TKT-099"
        ].priority
        == "could"
    )


def test_several_rules_yielding_one_code_merge_to_the_highest_priority():
    derived = by_code(CONTOSO)["NFR-SEC-008"]

    assert [(f.rule_id, f.priority) for f in derived.trace] == [
        ("compliance.iso27001", "should"),
        ("compliance.audit_trail", "must"),
    ]
    assert derived.priority == "must"


def test_a_self_hosted_client_must_have_tested_backups_a_cloud_one_should():
    assert by_code(HARBOR_CLINIC)["NFR-DAT-003"].priority == "must"
    assert by_code(NORTHWIND)["NFR-DAT-003"].priority == "should"


# --- trace ------------------------------------------------------------------------------------


def test_the_trace_lists_every_rule_that_fired_with_the_answers_it_read():
    derived = by_code(NORTHWIND)["FR-SLA-001"]

    assert derived.rule_ids == ("objective.reduce_response_times", "metrics.first_response_target")
    first, second = derived.trace
    assert first.question_ids == ("objective.challenge",)
    assert first.inputs[0].value == ("reduce_response_times", "self_service", "scale_growth")
    assert first.inputs[0].display == (
        "Reduce response times, Let customers help themselves (self-service), "
        "Keep up with growth in volume"
    )
    assert second.question_ids == ("metrics.kpis",)
    assert first.rationale
    assert first.source


def test_the_trace_includes_the_questions_an_override_reads():
    derived = by_code(NORTHWIND)["FR-SEC-001"]

    assert derived.trace[0].question_ids == (
        "integrations.identity",
        "audience.type",
        "context.team_size",
    )


def test_requirement_inputs_add_the_quoted_answers_in_bank_order():
    derived = by_code(NORTHWIND)["FR-INT-001"]

    assert derived.question_ids == (
        "integrations.crm",
        "integrations.crm_purpose",
        "integrations.crm_direction",
    )
    assert derived.inputs[2].display == "Both ways"


def test_an_unanswered_question_a_rule_read_is_in_the_trace_with_no_value():
    derived = by_code(CONTOSO)["FR-CHN-003"]

    phone_system = next(r for r in derived.inputs if r.question_id == "context.phone_system")
    assert phone_system.value is None
    assert phone_system.display == ""


# --- hidden follow-ups ------------------------------------------------------------------------


def test_answers_of_hidden_follow_ups_are_ignored():
    # Verde stops taking calls, but the stored call volume (1,500, a follow-up) stays.
    answers = {**VERDE, "context.channels": ["email", "chat", "social", "messaging"]}
    assert answers["context.volume_phone"] == 1500

    derived = by_code(answers)

    assert "FR-CHN-004" not in derived  # would fire on volume_phone >= 1000
    # Still required through the telephony integration, but without the hidden figures.
    assert derived["FR-CHN-003"].rule_ids == ("integrations.telephony",)
    assert "1,500" not in derived["FR-CHN-003"].description
    volume = next(
        r for r in derived["FR-CHN-003"].inputs if r.question_id == "context.volume_phone"
    )
    assert volume.value is None


def test_a_hidden_follow_up_is_not_quoted_either():
    answers = {**CONTOSO, "objective.challenge": ["self_service", "serve_both", "visibility"]}

    derived = by_code(answers)

    assert "FR-AUT-001" not in derived
    assert "FR-AUT-002" not in derived  # repetitive_tasks is stored but hidden


# --- fingerprint ------------------------------------------------------------------------------


def test_the_fingerprint_changes_when_an_answer_it_read_changes():
    before = by_code(NORTHWIND)
    after = by_code({**NORTHWIND, "context.volume_email": 1300})

    assert before["FR-CHN-002"].fingerprint != after["FR-CHN-002"].fingerprint
    assert before["FR-TKT-002"].fingerprint == after["FR-TKT-002"].fingerprint


def test_the_fingerprint_ignores_answers_it_did_not_read():
    before = derive(NORTHWIND)
    after = derive({**NORTHWIND, "objective.challenge_detail": "Rewritten in other words."})

    assert [r.fingerprint for r in before] == [r.fingerprint for r in after]


def test_the_fingerprint_changes_when_an_unquoted_condition_input_changes():
    # FR-SEC-001's text does not quote the team size, but its priority override reads it.
    before = by_code(NORTHWIND)["FR-SEC-001"]
    after = by_code({**NORTHWIND, "context.team_size": 4})["FR-SEC-001"]

    assert before.title == after.title
    assert before.priority == after.priority
    assert before.fingerprint != after.fingerprint


# --- determinism and shape --------------------------------------------------------------------


@pytest.mark.parametrize("answers", [NORTHWIND, VERDE, CONTOSO, HARBOR_CLINIC])
def test_it_is_deterministic_whatever_the_order_of_the_answers(answers):
    items = list(answers.items())
    random.Random(7).shuffle(items)

    assert derive(dict(items)) == derive(answers)


def test_functional_requirements_come_first_then_by_category_then_code():
    derived = derive(VERDE)
    order = catalogue_module.rule_catalogue().category_order
    keys = [(r.kind != "functional", order[r.category], r.code) for r in derived]

    assert keys == sorted(keys)
    assert len({r.code for r in derived}) == len(derived)


def test_results_are_frozen():
    derived = derive(NORTHWIND)[0]

    with pytest.raises(dataclasses.FrozenInstanceError):
        derived.priority = "wont"  # type: ignore[misc]


def test_no_answers_still_yield_the_requirements_the_method_names():
    derived = by_code({})

    assert {
        "FR-TKT-001", "FR-TKT-002", "FR-PRI-001", "FR-KB-001", "FR-KB-002", "FR-RPT-001",
        "FR-RPT-002", "NFR-UX-001", "NFR-UX-002", "NFR-AVL-001", "NFR-PRF-001",
    } <= set(derived)  # fmt: skip


# --- helpers ----------------------------------------------------------------------------------


def copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    target.mkdir()
    for source in catalogue_module.RULES_DIR.glob("*.yaml"):
        (target / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def append_rules(rules_dir: Path, text: str, file: str = "method.yaml") -> None:
    path = rules_dir / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(
    ("languages", "multilingual"),
    [(["pt"], False), (["en"], False), (["pt", "es"], True), (["en", "fr"], True)],
)
def test_a_multilingual_knowledge_base_only_for_a_client_with_several_languages(
    languages, multilingual
):
    """One language served (Portuguese alone) has nothing to translate: its text is in that
    language, and no requirement speaks of translations or the requester's choice."""
    derived = by_code({**NORTHWIND, "audience.languages": languages})
    assert ("FR-LOC-002" in derived) is multilingual
    if languages != ["en"]:
        local = derived["NFR-LOC-001"]
        names = " and ".join(
            BANK.questions["audience.languages"].choice_label(c) for c in languages
        )
        assert local.title == f"Requester-facing text in {names}"
        assert "requester's language" not in local.description
    else:
        assert "NFR-LOC-001" not in derived
