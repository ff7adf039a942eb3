"""Version-1 export files written before bank 2026.12.1 still import: their answers are
brought up to the current bank (discovery/bank/migrations.py) and their history is kept."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from discovery.models import Answer, AnswerRevision
from exports.document import project_export
from exports.importer import project_import
from exports.signing import sign

pytestmark = pytest.mark.django_db


def _as_bank_2026_11(data: dict[str, Any]) -> dict[str, Any]:
    """The export as the app wrote it before the change: hours as bare numbers, a language
    list with "other", one purpose for all the "other systems"."""
    old = copy.deepcopy(data)
    old["question_bank_version"] = "2026.11.1"
    # Written then as format 1: unsigned, without imported approvals.
    old["version"] = 1
    old.pop("signature")
    for version in old["proposal_versions"]:
        version.pop("imported_approvals")
    answers = {a["question_id"]: a for a in old["answers"]}
    template = next(iter(answers.values()))
    answers["audience.languages"]["value"] = ["en", "de", "other"]
    answers["metrics.first_response_time.target"]["value"] = 0.25
    answers["metrics.first_response_time.baseline"]["value"] = 18
    for qid in ("integrations.dev_tracker_purpose", "integrations.dev_tracker_direction"):
        answers.pop(qid)
    answers["integrations.other_purpose"] = {
        **template,
        "question_id": "integrations.other_purpose",
        "value": "Escalate bugs to engineering and follow their status.",
    }
    answers["integrations.other_direction"] = {
        **template,
        "question_id": "integrations.other_direction",
        "value": "both",
    }
    old["answers"] = list(answers.values())
    old["answer_revisions"].append(
        {
            **old["answer_revisions"][0],
            "question_id": "integrations.other_purpose",
            "value": "Escalate bugs.",
            "previous_value": None,
        }
    )
    return old


def test_an_export_from_before_the_bank_change_imports(rich_project, other_organization, importer):
    old = _as_bank_2026_11(project_export(rich_project))

    project = project_import(old, organization=other_organization, user=importer)

    answers = dict(Answer.objects.filter(project=project).values_list("question_id", "value"))
    assert answers["audience.languages"] == ["en", "de"]
    assert answers["metrics.first_response_time.target"] == {"value": 15, "unit": "min"}
    assert answers["metrics.first_response_time.baseline"] == {"value": 18, "unit": "h"}
    assert answers["integrations.dev_tracker_purpose"] == (
        "Escalate bugs to engineering and follow their status."
    )
    assert answers["integrations.dev_tracker_direction"] == "both"
    assert "integrations.other_purpose" not in answers
    # The history is what was said then, under the id it was said under.
    assert AnswerRevision.objects.filter(
        project=project, question_id="integrations.other_purpose", value="Escalate bugs."
    ).exists()


def test_a_retired_id_is_still_refused_where_it_cannot_be_migrated(
    rich_project, other_organization, importer
):
    data = project_export(rich_project)
    data["answers"].append({**data["answers"][0], "question_id": "integrations.teleport"})
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not a question of this app's question bank"):
        project_import(sign(data), organization=other_organization, user=importer)


def test_new_answer_shapes_survive_an_export_round_trip(
    project, consultant, other_organization, importer
):
    from discovery.services import answers_load

    answers = {
        "context.team_size": 5,
        "context.team_roles": [
            {"role": "front_line", "people": 4, "employment": "part_time", "hours": 20},
            {"role": "field", "people": 1},
        ],
        "audience.languages": ["es", "ht", "vi"],
        "metrics.kpis": ["first_response_time"],
        "metrics.first_response_time.target": {"value": 30, "unit": "min"},
        "scale.obligations": ["residency"],
        "scale.data_residency": "named",
        "scale.residency_places": ["CA"],
        "integrations.systems": [{"name": "Epic", "class": "ehr", "purpose": "patient lookup"}],
    }
    answers_load(project=project, answers=answers, user=consultant)

    copy_of = project_import(
        project_export(project), organization=other_organization, user=importer
    )

    stored = dict(Answer.objects.filter(project=copy_of).values_list("question_id", "value"))
    for qid, value in answers.items():
        assert stored[qid] == value, qid
