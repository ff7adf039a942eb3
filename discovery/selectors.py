from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from accounts.models import Organization
from accounts.people import person_key

from .bank import BANK
from .models import Answer, AnswerRevision, Project
from .revisions import Base


def project_get_for_user(user: User | AnonymousUser, pk: int) -> Project:
    """The project if `user` belongs to its organization; 404 otherwise, so that a project
    of another organization looks exactly like one that does not exist."""
    if not user.is_authenticated:
        raise Http404
    project = (
        Project.objects.filter(pk=pk, organization__memberships__user_id=user.pk)
        .select_related("organization")
        .first()
    )
    if project is None:
        raise Http404
    return project


def project_list(
    *,
    organization: Organization,
    search: str = "",
    stage: str = "",
    archived: bool = False,
) -> QuerySet[Project]:
    projects = Project.objects.filter(organization=organization, archived_at__isnull=not archived)
    if search:
        projects = projects.filter(
            Q(name__icontains=search)
            | Q(client_name__icontains=search)
            | Q(industry__icontains=search)
        )
    if stage:
        projects = projects.filter(stage=stage)
    return projects.order_by("-updated_at", "-pk")


def answers_for_project(project: Project) -> dict[str, Any]:
    return dict(Answer.objects.filter(project=project).values_list("question_id", "value"))


def answers_with_bases(project: Project) -> tuple[dict[str, Any], dict[str, Base]]:
    """The answers, and the base each is shown with (its revision and value digest), for a
    page that edits them (discovery.revisions)."""
    values: dict[str, Any] = {}
    bases: dict[str, Base] = {}
    rows = Answer.objects.filter(project=project).values_list("question_id", "value", "revision")
    for qid, value, revision in rows:
        values[qid] = value
        bases[qid] = Base.of(value, revision)
    return values, bases


def answer_meta_for_project(project: Project) -> dict[str, Answer]:
    """Answers with who changed them and when, keyed by question id (for the review page)."""
    answers = Answer.objects.filter(project=project).select_related("updated_by")
    return {answer.question_id: answer for answer in answers}


def question_links(project: Project) -> dict[str, dict[str, str]]:
    """Label, step and wizard link of every question, for traces back to the discovery."""
    base = reverse("discovery:wizard_resume", args=[project.pk])
    return {
        qid: {"label": q.label, "url": f"{base}{q.step}/#{q.html_id}", "step": q.step}
        for qid, q in BANK.questions.items()
    }


def revision_authors(project: Project, revisions: list[AnswerRevision]) -> dict[int, str]:
    """Who made each revision, for display: the user's name, or, on an imported project,
    the name the export carried for someone who is not a member here (kept as text by the
    import, see exports.people), marked as imported."""
    kept: dict[str, Any] = {}
    if any(revision.changed_by_id is None for revision in revisions):
        try:
            kept = project.import_record.people
        except ObjectDoesNotExist:
            kept = {}
    authors: dict[int, str] = {}
    for revision in revisions:
        user = revision.changed_by
        if user is not None:
            authors[revision.pk] = user.get_full_name() or user.username
            continue
        person = kept.get(person_key(revision, "changed_by"))
        name = person.get("name") if isinstance(person, dict) else None
        authors[revision.pk] = f"{name} (imported)" if name else "someone"
    return authors
