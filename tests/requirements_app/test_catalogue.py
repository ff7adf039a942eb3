"""The rule catalogue: coverage of the question bank, validation, the check and the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError

from discovery.bank import BANK, CHANNELS
from requirements_app import catalogue
from requirements_app.checks import rule_catalogue_check

# Questions no rule may read: free narrative that feeds the proposal's prose, and "other"
# details that a consultant interprets. None of them can change a requirement by itself.
UNREAD_ALLOWED = {
    "objective.challenge_other",
    "objective.challenge_detail",
    "context.tools_other",
    "context.current_workflow",
    "context.process",
    "context.current_metrics",
    "audience.challenges",
    "metrics.results_short",
    "metrics.results_medium",
    "metrics.results_long",
    "integrations.notes",
    # Read by the staffing plan and the business case (frameworks), not by a rule: they set
    # handle times, patience, shrinkage, costs and rates, not what the tool must do. (The
    # live-channel targets are quoted by the live-queue reporting requirement.)
    *(f"context.{c}_aht" for c, _label in CHANNELS if c != "phone"),
    *(f"context.{c}_patience" for c in ("phone", "chat")),
    "context.async_response_hours",
    "context.backlog_hours",
    "context.contract_hours",
    "context.shrinkage_absence",
    "context.shrinkage_activity",
    "scale.peak_days",
    "scale.agent_cost_hour",
    "scale.discount_rate",
    "scale.day_rate",
}

METHOD_NAMED = {
    "FR-TKT-001": "ticket management",
    "FR-PRI-001": "automatic prioritization",
    "FR-KB-001": "self-service portal",
    "FR-KB-002": "knowledge base",
    "FR-RPT-001": "analytical reports",
    "FR-RPT-002": "dashboards",
    "NFR-UX-001": "usability (agents)",
    "NFR-UX-002": "usability (requesters)",
    "NFR-AVL-001": "high availability",
    "NFR-PRF-001": "fast response times",
}


@pytest.fixture
def rules():
    return catalogue.rule_catalogue()


def test_the_catalogue_is_valid_versioned_and_large_enough(rules):
    assert catalogue.catalogue_problems() == []
    assert rules.version
    assert len(rules.rules) >= 60


def test_only_allow_listed_questions_are_read_by_no_rule(rules):
    unread = set(BANK.questions) - rules.questions_read()

    assert unread - UNREAD_ALLOWED == set(), "read these in a rule or allow-list them"
    assert UNREAD_ALLOWED - unread == set(), "these are read now: take them off the list"


def test_every_discovery_layer_drives_rules(rules):
    read_steps = {BANK.questions[q].step for q in rules.questions_read()}

    assert read_steps == {step.slug for step in BANK.steps}


def test_every_category_has_requirements(rules):
    used = {spec.category for spec in rules.requirements.values()}

    assert used == {c.id for c in rules.categories}


@pytest.mark.parametrize("code", sorted(METHOD_NAMED))
def test_the_method_named_requirements_are_in_the_catalogue(rules, code):
    assert rules.requirements[code].defined_by.startswith("method.")


# --- validation -------------------------------------------------------------------------------

BROKEN_RULE = """
- id: test.broken
  when: {when}
  rationale: A rule written to be wrong.
  then:
    - code: {code}
      title: Broken
      description: {description}
      kind: {kind}
      category: {category}
      priority: {priority}
      acceptance: [Works.]
"""
GOOD = {
    "when": "{q: context.channels, op: includes, value: email}",
    "code": "FR-TKT-098",
    "description": "Fine.",
    "kind": "functional",
    "category": "ticket_management",
    "priority": "must",
}


@pytest.mark.parametrize(
    ("change", "check_id", "message"),
    [
        (
            {"when": "{q: context.chanels, op: includes, value: email}"},
            "requirements_app.E002",
            "unknown question id 'context.chanels'",
        ),
        (
            {"when": "{q: context.channels, op: contains, value: email}"},
            "requirements_app.E003",
            "unknown operator 'contains'",
        ),
        ({"category": "tickets"}, "requirements_app.E004", "unknown category 'tickets'"),
        ({"kind": "functionl"}, "requirements_app.E005", "unknown kind 'functionl'"),
        ({"priority": "high"}, "requirements_app.E005", "unknown priority 'high'"),
        (
            {"code": "FR-TKT-001"},
            "requirements_app.E006",
            "FR-TKT-001 is defined again with a different acceptance, description, title",
        ),
        (
            {"description": "'Handle {scale.volume_today} tickets.'"},
            "requirements_app.E007",
            "names unknown question id 'scale.volume_today'",
        ),
        (
            {"description": "'Handle {scale.volume_now|round} tickets.'"},
            "requirements_app.E007",
            "unknown filter 'round'",
        ),
        (
            {"when": "{q: context.channels, op: includes, value: mail}"},
            "requirements_app.E008",
            "'mail' is not a choice of 'context.channels'",
        ),
        (
            {"when": "{q: audience.contract_slas, op: equals, value: yes}"},
            "requirements_app.E008",
            "True is not a choice of 'audience.contract_slas'",
        ),
        ({"code": "FR-TKT-98"}, "requirements_app.E008", "is not like FR-TKT-001"),
        ({"code": "NFR-TKT-098"}, "requirements_app.E005", "code starts with FR-"),
        (
            {"category": "availability"},
            "requirements_app.E004",
            "category availability codes use AVL",
        ),
    ],
)
def test_a_broken_rule_is_reported_by_name(tmp_path, change, check_id, message):
    rules_dir = copy_catalogue(tmp_path)
    append(rules_dir, BROKEN_RULE.format(**{**GOOD, **change}))

    problems = catalogue.catalogue_problems(rules_dir)

    assert {p.check_id for p in problems} == {check_id}
    assert any(message in p.message for p in problems), problems
    assert all(p.where.startswith("rule test.broken (method.yaml)") for p in problems)


def test_the_unbroken_template_is_valid(tmp_path):
    rules_dir = copy_catalogue(tmp_path)
    append(rules_dir, BROKEN_RULE.format(**GOOD))

    assert catalogue.catalogue_problems(rules_dir) == []


def test_a_duplicate_rule_id_is_an_error(tmp_path):
    rules_dir = copy_catalogue(tmp_path)
    text = BROKEN_RULE.format(**GOOD)
    append(rules_dir, text + text.replace("FR-TKT-098", "FR-TKT-097"))

    problems = catalogue.catalogue_problems(rules_dir)

    assert [(p.check_id, p.message) for p in problems] == [
        ("requirements_app.E006", "duplicate rule id")
    ]


def test_a_reference_to_an_undefined_code_is_an_error(tmp_path):
    rules_dir = copy_catalogue(tmp_path)
    append(
        rules_dir,
        "\n- id: test.ref\n  when: {all: []}\n  rationale: r\n"
        "  then:\n    - {code: FR-TKT-090, priority: must}\n",
    )

    problems = catalogue.catalogue_problems(rules_dir)

    assert [str(p) for p in problems] == [
        "rule test.ref (method.yaml) FR-TKT-090: refers to FR-TKT-090, which no rule defines"
    ]


def test_a_rule_file_not_listed_in_the_catalogue_is_an_error(tmp_path):
    rules_dir = copy_catalogue(tmp_path)
    (rules_dir / "extra.yaml").write_text("[]\n", encoding="utf-8")

    problems = catalogue.catalogue_problems(rules_dir)

    assert [(p.check_id, str(p)) for p in problems] == [
        ("requirements_app.E001", "extra.yaml: not listed in catalogue.yaml")
    ]


def test_loading_a_broken_catalogue_raises_with_every_problem(tmp_path):
    rules_dir = copy_catalogue(tmp_path)
    append(rules_dir, BROKEN_RULE.format(**{**GOOD, "priority": "high", "category": "x"}))

    with pytest.raises(catalogue.CatalogueInvalid) as excinfo:
        catalogue.load_catalogue(rules_dir)

    assert {p.check_id for p in excinfo.value.problems} == {
        "requirements_app.E004",
        "requirements_app.E005",
    }


# --- system check and commands ----------------------------------------------------------------


@pytest.fixture
def broken_catalogue(tmp_path, monkeypatch):
    rules_dir = copy_catalogue(tmp_path)
    append(rules_dir, BROKEN_RULE.format(**{**GOOD, "category": "tickets"}))
    monkeypatch.setattr(catalogue, "RULES_DIR", rules_dir)
    return rules_dir


def test_the_system_check_passes_on_the_real_catalogue():
    assert rule_catalogue_check() == []


def test_the_system_check_names_the_broken_rule(broken_catalogue):
    errors = rule_catalogue_check()

    assert [e.id for e in errors] == ["requirements_app.E004"]
    assert "rule test.broken (method.yaml)" in errors[0].msg
    assert "unknown category 'tickets'" in errors[0].msg
    assert errors[0].hint == "Fix the rule in requirements_app/rules/method.yaml."


@pytest.mark.django_db  # the model checks probe the database's JSON support
def test_manage_py_check_fails_on_a_broken_catalogue(broken_catalogue):
    with pytest.raises(SystemCheckError, match="test.broken"):
        call_command("check")


def test_the_catalogues_command_prints_versions_and_sizes(capsys, rules):
    call_command("catalogues")

    out = capsys.readouterr().out
    assert f"Discovery question bank  version {BANK.version}" in out
    assert f"{len(BANK.questions)} questions" in out
    assert f"Requirement rules        version {rules.version}" in out
    assert f"{len(rules.rules)} rules, {len(rules.codes)} requirement codes" in out


def test_the_catalogues_command_reports_a_broken_catalogue(capsys, broken_catalogue):
    with pytest.raises(CommandError, match="Requirement rules"):
        call_command("catalogues")

    assert "unknown category 'tickets'" in capsys.readouterr().out


# --- helpers ----------------------------------------------------------------------------------


def copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    target.mkdir()
    for source in catalogue.RULES_DIR.glob("*.yaml"):
        (target / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def append(rules_dir: Path, text: str, file: str = "method.yaml") -> None:
    path = rules_dir / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
