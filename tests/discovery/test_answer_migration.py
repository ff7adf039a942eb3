"""Stored answers are brought up to bank 2026.12.1 by a pure function, applied by the data
migration to the database and by the import to old files."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from discovery.bank import BANK
from discovery.bank.migrations import migrate_answers
from discovery.bank.model import check_stored
from discovery.models import Answer
from discovery.scenarios import SCENARIOS

OLD_VERDE = {
    "audience.languages": ["pt", "es", "other"],
    "metrics.kpis": ["avg_response_time", "first_response_time"],
    "metrics.avg_response_time.target": 0.1,
    "metrics.first_response_time.baseline": 36,
    "metrics.first_response_time.target": 2,
    "integrations.other": ["ecommerce", "billing", "telephony"],
    "integrations.ecommerce_platform": "shopify",
    "integrations.billing_system": "Stripe",
    "integrations.other_purpose": "Order status and refunds from Shopify and Stripe.",
    "integrations.other_direction": "to_helpdesk",
}


def test_old_answers_take_the_new_shapes():
    new = migrate_answers(OLD_VERDE)
    assert new["audience.languages"] == ["pt", "es"]
    assert new["metrics.avg_response_time.target"] == {"value": 6, "unit": "min"}
    assert new["metrics.first_response_time.baseline"] == {"value": 36, "unit": "h"}
    assert new["metrics.first_response_time.target"] == {"value": 2, "unit": "h"}
    # The shared purpose goes to the systems it names, not to the phone system.
    assert new["integrations.ecommerce_purpose"] == OLD_VERDE["integrations.other_purpose"]
    assert new["integrations.billing_purpose"] == OLD_VERDE["integrations.other_purpose"]
    assert "integrations.telephony_purpose" not in new
    assert new["integrations.telephony_direction"] == "to_helpdesk"
    assert "integrations.other_purpose" not in new
    assert "integrations.other_direction" not in new
    for qid, value in new.items():
        check_stored(BANK.questions[qid], value)


def test_a_purpose_that_names_no_system_goes_to_each():
    new = migrate_answers({**OLD_VERDE, "integrations.other_purpose": "Keep it in one place."})
    for kind in ("ecommerce", "billing", "telephony"):
        assert new[f"integrations.{kind}_purpose"] == "Keep it in one place."


def test_only_other_as_a_language_leaves_the_question_unanswered():
    assert "audience.languages" not in migrate_answers({"audience.languages": ["other"]})


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_current_answers_are_left_as_they_are(name):
    assert migrate_answers(SCENARIOS[name]) == SCENARIOS[name]
    assert migrate_answers(migrate_answers(OLD_VERDE)) == migrate_answers(OLD_VERDE)


@pytest.mark.django_db
def test_the_data_migration_rewrites_stored_answers(project, consultant):
    for qid, value in OLD_VERDE.items():
        Answer.objects.create(
            project=project,
            question_id=qid,
            value=value,
            updated_by=consultant,
            updated_at="2026-11-30T10:00Z",
        )
    migration = importlib.import_module("discovery.migrations.0003_answers_bank_2026_12")

    migration.forwards(apps, None)

    answers = dict(Answer.objects.filter(project=project).values_list("question_id", "value"))
    assert answers == migrate_answers(OLD_VERDE)
    split = Answer.objects.get(project=project, question_id="integrations.billing_purpose")
    assert split.updated_by == consultant
