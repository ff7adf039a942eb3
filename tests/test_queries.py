"""Query budgets: no page's query count grows with the amount of data on it.

Each page is measured twice, once over a little data and once over a lot, and the two
counts must be equal and within the budget.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from discovery.bank import BANK, QType, Question
from discovery.bank.model import sample_value
from discovery.models import Answer, AnswerRevision, Project
from discovery.scenarios import NORTHWIND
from tests.factories import ProjectFactory

BUDGET = 10
SMALL, LARGE = 3, 300
# A textarea of the first step: answered in both projects, so that autosave does the same
# kind of write (an update) in each.
AUTOSAVED = next(q for q in BANK.first_step().questions if q.type == QType.TEXTAREA)


def _queries(client: Client, method: str, url: str, data: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 204), (url, response.status_code)
    return len(captured)


def _some_value(question: Question) -> Any:
    """A valid stored value for a question the scenario does not answer."""
    return sample_value(question)


def _answers(count: int) -> dict[str, Any]:
    """`count` answers: the Northwind brief, every other question of the bank, then answers to
    questions since retired from the bank (their rows stay, and pages must cope)."""
    answers = {AUTOSAVED.id: "The team answers from a shared inbox."}
    answers.update(NORTHWIND)
    for question in BANK.questions.values():
        answers.setdefault(question.id, _some_value(question))
    for n in range(count - len(answers)):
        answers[f"retired.question_{n}"] = f"old answer {n}"
    return dict(list(answers.items())[:count])


def _fill(project: Project, count: int, user: Any) -> None:
    answers = _answers(count)
    assert AUTOSAVED.id in answers
    now = timezone.now()
    Answer.objects.bulk_create(
        Answer(project=project, question_id=qid, value=value, updated_by=user, updated_at=now)
        for qid, value in answers.items()
    )
    # Two revisions per answer: the first value, then the current one.
    AnswerRevision.objects.bulk_create(
        AnswerRevision(
            project=project,
            question_id=qid,
            value=value,
            previous_value=previous,
            changed_by=user,
            changed_at=now - timedelta(minutes=minutes),
        )
        for qid, value in answers.items()
        for previous, minutes in ((None, 60), (value, 1))
    )
    assert Answer.objects.filter(project=project).count() == count


@pytest.fixture
def small_and_large(organization, consultant):
    small = ProjectFactory(organization=organization, created_by=consultant)
    large = ProjectFactory(organization=organization, created_by=consultant)
    _fill(small, SMALL, consultant)
    _fill(large, LARGE, consultant)
    return small, large


def _assert_flat(small: int, large: int) -> None:
    assert small == large, f"query count grows with data: {small} with little, {large} with a lot"
    assert large <= BUDGET, f"{large} queries, budget {BUDGET}"


def test_dashboard_queries_do_not_grow_with_projects(organization, consultant, consultant_client):
    ProjectFactory.create_batch(SMALL, organization=organization)
    url = reverse("discovery:dashboard")
    small = _queries(consultant_client, "get", url)

    Project.objects.bulk_create(
        Project(organization=organization, name=f"Project {n}", client_name=f"Client {n}")
        for n in range(LARGE - SMALL)
    )
    large = _queries(consultant_client, "get", url)
    _assert_flat(small, large)

    response = consultant_client.get(url)
    assert response.context["page"].paginator.count == LARGE
    assert len(response.context["page"].object_list) < LARGE


def test_dashboard_htmx_search_queries_do_not_grow(organization, consultant, consultant_client):
    ProjectFactory.create_batch(SMALL, organization=organization, industry="Retail")
    url = reverse("discovery:dashboard") + "?q=Retail&page=1"
    client = Client(headers={"HX-Request": "true"})
    client.force_login(consultant)
    small = _queries(client, "get", url)
    ProjectFactory.create_batch(LARGE - SMALL, organization=organization, industry="Retail")
    _assert_flat(small, _queries(client, "get", url))


@pytest.mark.parametrize("step", [step.slug for step in BANK.steps])
def test_wizard_step_queries_do_not_grow_with_answers(step, small_and_large, consultant_client):
    small, large = small_and_large
    counts = [
        _queries(consultant_client, "get", reverse("discovery:step", args=[p.pk, step]))
        for p in (small, large)
    ]
    _assert_flat(*counts)


def test_wizard_step_htmx_partial_queries_do_not_grow(small_and_large, consultant):
    client = Client(headers={"HX-Request": "true"})
    client.force_login(consultant)
    step = BANK.steps[1].slug
    counts = [
        _queries(client, "get", reverse("discovery:step", args=[p.pk, step]))
        for p in small_and_large
    ]
    _assert_flat(*counts)


def test_review_queries_do_not_grow_with_answers(small_and_large, consultant_client):
    counts = [
        _queries(consultant_client, "get", reverse("discovery:wizard_review", args=[p.pk]))
        for p in small_and_large
    ]
    _assert_flat(*counts)


def test_project_detail_queries_do_not_grow_with_answers(small_and_large, consultant_client):
    counts = [
        _queries(consultant_client, "get", reverse("discovery:project_detail", args=[p.pk]))
        for p in small_and_large
    ]
    _assert_flat(*counts)


def test_autosave_queries_do_not_grow_with_answers(small_and_large, consultant_client):
    counts = []
    for project in small_and_large:
        url = reverse("discovery:autosave", args=[project.pk])
        data = {"question": AUTOSAVED.id, AUTOSAVED.field_name: f"Rewritten for {project.pk}"}
        counts.append(_queries(consultant_client, "post", url, data))
        answer = Answer.objects.get(project=project, question_id=AUTOSAVED.id)
        assert answer.value == f"Rewritten for {project.pk}"
    _assert_flat(*counts)


def test_autosave_of_an_unchanged_value_writes_nothing(small_and_large, consultant_client):
    small, _ = small_and_large
    url = reverse("discovery:autosave", args=[small.pk])
    value = Answer.objects.get(project=small, question_id=AUTOSAVED.id).value
    revisions = AnswerRevision.objects.filter(project=small).count()
    with CaptureQueriesContext(connection) as captured:
        consultant_client.post(url, {"question": AUTOSAVED.id, AUTOSAVED.field_name: value})
    writes = [
        q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []
    assert AnswerRevision.objects.filter(project=small).count() == revisions
