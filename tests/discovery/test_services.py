"""Discovery services: projects and answers, persisted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from discovery import services
from discovery.bank import BANK
from discovery.models import Answer, AnswerRevision, Project
from discovery.scenarios import NORTHWIND
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def stored(project: Project) -> dict:
    return dict(Answer.objects.filter(project=project).values_list("question_id", "value"))


def save(project, raw, *qids, user=None):
    return services.answers_save(
        project=project, raw=raw, questions=[BANK.questions[q] for q in qids], user=user
    )


def test_answers_save_saves_valid_values(project, consultant):
    result = save(
        project,
        {
            "context.channels": ["chat", "email"],
            "context.team_size": ["1,200"],
            "context.process": ["  Two tiers  "],
        },
        "context.channels",
        "context.team_size",
        "context.process",
        user=consultant,
    )
    assert result.errors == {}
    assert result.saved == ["context.channels", "context.team_size", "context.process"]
    assert stored(project) == {
        "context.channels": ["email", "chat"],
        "context.team_size": 1200,
        "context.process": "Two tiers",
    }
    assert result.answers == stored(project)
    answer = Answer.objects.get(project=project, question_id="context.team_size")
    assert answer.updated_by == consultant


def test_answers_save_reads_every_value_of_a_query_dict(project, consultant):
    raw = QueryDict(mutable=True)
    raw.setlist("context.channels", ["email", "phone"])
    raw.setlist("context.process", ["As is"])
    result = save(project, raw, "context.channels", "context.process", user=consultant)
    assert result.errors == {}
    assert stored(project) == {"context.channels": ["email", "phone"], "context.process": "As is"}


def test_invalid_answer_is_reported_and_the_stored_value_kept(project, consultant):
    save(
        project,
        {"context.team_size": ["12"], "context.process": ["Before"]},
        "context.team_size",
        "context.process",
        user=consultant,
    )
    revisions_before = AnswerRevision.objects.count()

    result = save(
        project,
        {"context.team_size": ["twelve"], "context.process": ["After"]},
        "context.team_size",
        "context.process",
        user=consultant,
    )
    assert result.errors == {"context.team_size": "Enter a whole number, such as 1200."}
    assert result.saved == ["context.process"]
    assert stored(project) == {"context.team_size": 12, "context.process": "After"}
    assert result.answers["context.team_size"] == 12
    assert AnswerRevision.objects.count() == revisions_before + 1


def test_invalid_first_answer_stores_nothing(project):
    result = save(project, {"scale.compliance": ["gdpr", "none"]}, "scale.compliance")
    assert "scale.compliance" in result.errors
    assert not Answer.objects.filter(project=project).exists()
    assert not AnswerRevision.objects.exists()


def test_a_change_is_recorded_with_who_when_and_what_before(project, consultant):
    other = UserFactory(username="bob")
    before = timezone.now()
    save(project, {"audience.type": ["external"]}, "audience.type", user=consultant)
    save(project, {"audience.type": ["both"]}, "audience.type", user=other)
    after = timezone.now()

    first, second = AnswerRevision.objects.filter(project=project).order_by("changed_at", "id")
    assert (first.question_id, first.previous_value, first.value, first.changed_by) == (
        "audience.type",
        None,
        "external",
        consultant,
    )
    assert (second.previous_value, second.value, second.changed_by) == ("external", "both", other)
    assert before <= first.changed_at <= second.changed_at <= after
    answer = Answer.objects.get(project=project, question_id="audience.type")
    assert answer.value == "both"
    assert answer.updated_by == other
    assert answer.updated_at == second.changed_at


def test_clearing_an_answer_is_a_change(project, consultant):
    save(project, {"context.process": ["Something"]}, "context.process", user=consultant)
    result = save(project, {"context.process": [""]}, "context.process", user=consultant)
    assert result.saved == ["context.process"]
    assert stored(project) == {"context.process": None}
    revision = AnswerRevision.objects.filter(project=project).first()
    assert (revision.previous_value, revision.value) == ("Something", None)


def test_unchanged_values_write_nothing(project, consultant):
    raw = {"context.channels": ["email", "chat"], "context.team_size": ["3"]}
    save(project, raw, "context.channels", "context.team_size", user=consultant)
    answer = Answer.objects.get(project=project, question_id="context.team_size")
    project.refresh_from_db()
    updated_at = project.updated_at
    revisions = AnswerRevision.objects.count()

    # Same values, typed differently (order of boxes, thousands separator, spaces).
    result = save(
        project,
        {"context.channels": ["chat", "email"], "context.team_size": [" 3 "]},
        "context.channels",
        "context.team_size",
        user=UserFactory(username="bob"),
    )
    assert result.saved == []
    assert AnswerRevision.objects.count() == revisions
    answer_after = Answer.objects.get(pk=answer.pk)
    assert answer_after.updated_by == consultant
    assert answer_after.updated_at == answer.updated_at
    project.refresh_from_db()
    assert project.updated_at == updated_at


def test_an_empty_unanswered_question_writes_nothing(project):
    result = save(project, {}, "context.process", "context.channels")
    assert result.saved == []
    assert not Answer.objects.exists()
    assert not AnswerRevision.objects.exists()


def test_completeness_and_updated_at_follow_the_answers(project, consultant):
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now() - timedelta(days=3))
    project.refresh_from_db()
    old = project.updated_at
    assert project.completeness == 0

    save(project, {"objective.challenge": ["self_service"]}, "objective.challenge", user=consultant)
    project.refresh_from_db()
    assert project.completeness == BANK.completeness({"objective.challenge": ["self_service"]})
    assert project.completeness > 0
    assert project.updated_at > old


def test_completeness_reaches_100_with_a_whole_scenario(project, consultant):
    answers = {k: v for k, v in NORTHWIND.items() if k != "scale.budget"}
    services.answers_load(project=project, answers=answers, user=consultant)
    project.refresh_from_db()
    assert project.completeness == BANK.completeness(answers) < 100

    save(project, {"scale.budget": ["moderate"]}, "scale.budget", user=consultant)
    project.refresh_from_db()
    assert project.completeness == 100


def test_answers_load_stores_and_records_every_answer(project, consultant):
    services.answers_load(project=project, answers=NORTHWIND, user=consultant)
    assert stored(project) == NORTHWIND
    assert AnswerRevision.objects.filter(project=project).count() == len(NORTHWIND)
    assert set(
        AnswerRevision.objects.filter(project=project).values_list("changed_by", flat=True)
    ) == {consultant.pk}
    project.refresh_from_db()
    assert project.completeness == 100


def test_answers_load_over_existing_answers_keeps_the_previous_value(project, consultant):
    services.answers_load(project=project, answers={"context.team_size": 3}, user=consultant)
    services.answers_load(project=project, answers={"context.team_size": 5}, user=consultant)
    assert stored(project) == {"context.team_size": 5}
    latest = AnswerRevision.objects.filter(project=project).first()
    assert (latest.previous_value, latest.value) == (3, 5)


def test_answers_load_rejects_unknown_ids(project, consultant):
    with pytest.raises(ValueError, match="unknown question ids: \\['context.nope'\\]"):
        services.answers_load(
            project=project, answers={"context.team_size": 3, "context.nope": 1}, user=consultant
        )
    assert not Answer.objects.exists()


def test_answers_of_one_project_do_not_touch_another(project, consultant):
    other = Project.objects.create(
        organization=project.organization, name="Other", client_name="Other client"
    )
    save(project, {"context.team_size": ["3"]}, "context.team_size", user=consultant)
    save(other, {"context.team_size": ["9"]}, "context.team_size", user=consultant)
    assert stored(project) == {"context.team_size": 3}
    assert stored(other) == {"context.team_size": 9}


# --- projects ----------------------------------------------------------------------------


def test_project_create_strips_and_starts_at_the_first_step(organization, consultant):
    project = services.project_create(
        organization=organization,
        name="  Redesign ",
        client_name=" Acme ",
        industry=" Retail ",
        user=consultant,
    )
    project.refresh_from_db()
    assert (project.name, project.client_name, project.industry) == ("Redesign", "Acme", "Retail")
    assert project.created_by == consultant
    assert project.current_step == "objective"
    assert project.stage == Project.Stage.DISCOVERY
    assert project.completeness == 0


def test_project_create_needs_a_name(organization, consultant):
    with pytest.raises(ValidationError):
        services.project_create(
            organization=organization, name="  ", client_name="Acme", user=consultant
        )
    assert not Project.objects.exists()


def test_project_rename(project):
    services.project_rename(project=project, name="New", client_name="Client B", industry="")
    project.refresh_from_db()
    assert (project.name, project.client_name, project.industry) == ("New", "Client B", "")


def test_archive_and_restore(project):
    services.project_archive(project=project)
    project.refresh_from_db()
    archived_at = project.archived_at
    assert project.is_archived
    services.project_archive(project=project)  # archiving twice keeps the first date
    project.refresh_from_db()
    assert project.archived_at == archived_at
    services.project_restore(project=project)
    project.refresh_from_db()
    assert not project.is_archived


def test_project_visit_step(project):
    services.project_visit_step(project=project, step_slug="scale")
    assert project.current_step == "scale"
    project.refresh_from_db()
    assert project.current_step == "scale"
