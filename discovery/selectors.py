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
from .models import Answer, AnswerRevision, Project, ProjectTemplate
from .project_templates import ASSUMPTION_TEXT, BUILT_IN, BUILT_IN_BY_SLUG
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
    """Label, step and wizard link of every question, for traces back to the discovery,
    and `template`: the template whose unconfirmed guess its answer is ("" if none), so a
    trace marks such an answer as an assumption."""
    base = reverse("discovery:wizard_resume", args=[project.pk])
    marks = template_marks(project)
    return {
        qid: {
            "label": q.label,
            "url": f"{base}{q.step}/#{q.html_id}",
            "step": q.step,
            "template": marks.get(qid, ""),
        }
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


# --- project templates -----------------------------------------------------------------------


def template_marks(project: Project) -> dict[str, str]:
    """Question id → the template whose unconfirmed guess the answer is."""
    rows = Answer.objects.filter(project=project).exclude(template="")
    return dict(rows.values_list("question_id", "template"))


def unconfirmed_template_answers(
    project: Project, answers: dict[str, Any] | None = None
) -> list[dict[str, str]]:
    """The answers still a template's guess, in bank order, each with the sentence that
    lists it as an assumption (project_templates.ASSUMPTION_TEXT). Only answers that
    count (visible) are listed."""
    marks = template_marks(project)
    if not marks:
        return []
    values = answers if answers is not None else answers_for_project(project)
    effective = BANK.effective_answers(values)
    listed = []
    for qid in sorted(marks, key=lambda q: BANK.order.get(q, len(BANK.order))):
        question = BANK.questions.get(qid)
        if question is None or qid not in effective:
            continue
        display = question.display(effective[qid])
        listed.append(
            {
                "question_id": qid,
                "question": question.label,
                "answer": display,
                "template": marks[qid],
                "text": ASSUMPTION_TEXT.format(
                    question=question.label, answer=display, template=marks[qid]
                ),
                "step": question.step,
                "html_id": question.html_id,
            }
        )
    return listed


def template_choices(organization: Organization) -> list[tuple[str, str]]:
    """The templates a new project of `organization` can start from: built-in ones, then
    the organization's own. Keys: "builtin:<slug>" and "org:<id>"."""
    choices = [(f"builtin:{t.slug}", t.name) for t in BUILT_IN]
    own = ProjectTemplate.objects.filter(organization=organization).values_list("pk", "name")
    choices += [(f"org:{pk}", f"{name} (ours)") for pk, name in own]
    return choices


def template_for_key(organization: Organization, key: str) -> tuple[str, dict[str, Any]] | None:
    """The name and answers of a template chosen on the new-project form, or None."""
    kind, _, ident = key.partition(":")
    if kind == "builtin" and ident in BUILT_IN_BY_SLUG:
        template = BUILT_IN_BY_SLUG[ident]
        return template.name, dict(template.answers)
    if kind == "org" and ident.isdigit():
        own = ProjectTemplate.objects.filter(organization=organization, pk=int(ident)).first()
        if own is not None:
            return own.name, dict(own.answers)
    return None


def answer_sources(
    project: Project, answers: dict[str, Any] | None = None
) -> dict[str, list[dict[str, str]]]:
    """For each question answered from a suggestion, the sentences it was heard in, while
    the answer still holds what the suggestion put there: {question id: [{"sentence",
    "heard", "from"}]} (traces show them beside the answer)."""
    from .models import SuggestionDecision

    sources: dict[str, list[dict[str, str]]] = {}
    decisions = list(
        SuggestionDecision.objects.filter(
            project=project, status=SuggestionDecision.Status.ACCEPTED
        )
    )
    if decisions and answers is None:
        answers = answers_for_project(project)  # only when something was accepted
    for decision in decisions:
        source = BANK.questions.get(decision.source_question_id)
        for made in decision.answers:
            qid, value = made.get("question_id"), made.get("value")
            current = (answers or {}).get(qid)
            question = BANK.questions.get(str(qid))
            if isinstance(value, dict) and question is not None and question.fields:
                # A row made from a sentence: it holds while a row of that name is there,
                # however its other fields were filled in since.
                from .suggestions import has_row

                if has_row(question.id, current, value):
                    entry = {
                        "sentence": decision.sentence,
                        "heard": str(decision.finding.get("text", "")),
                        "from": source.label if source else decision.source_question_id,
                    }
                    if entry not in sources.setdefault(str(qid), []):
                        sources[str(qid)].append(entry)
                continue
            holds = (
                value in current
                if isinstance(current, list)
                else (isinstance(current, str) and isinstance(value, str) and value in current)
                or current == value
            )
            if not holds:
                continue
            entry = {
                "sentence": decision.sentence,
                "heard": str(decision.finding.get("text", "")),
                "from": source.label if source else decision.source_question_id,
            }
            if entry not in sources.setdefault(qid, []):
                sources[qid].append(entry)
    return sources
