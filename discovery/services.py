from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

TOUCH_INTERVAL = timedelta(seconds=60)

from accounts.models import Organization

from .bank import BANK, AnswerInvalid, Question, clean_answer
from .models import Answer, AnswerRevision, Project


def project_create(
    *,
    organization: Organization,
    name: str,
    client_name: str,
    industry: str = "",
    user: User | None,
) -> Project:
    project = Project(
        organization=organization,
        name=name.strip(),
        client_name=client_name.strip(),
        industry=industry.strip(),
        created_by=user,
        current_step=BANK.first_step().slug,
    )
    project.full_clean()
    project.save()
    return project


def project_rename(*, project: Project, name: str, client_name: str, industry: str) -> Project:
    project.name = name.strip()
    project.client_name = client_name.strip()
    project.industry = industry.strip()
    project.full_clean()
    project.save(update_fields=["name", "client_name", "industry", "updated_at"])
    return project


def project_archive(*, project: Project) -> Project:
    if project.archived_at is None:
        project.archived_at = timezone.now()
        project.save(update_fields=["archived_at", "updated_at"])
    return project


def project_restore(*, project: Project) -> Project:
    if project.archived_at is not None:
        project.archived_at = None
        project.save(update_fields=["archived_at", "updated_at"])
    return project


def project_visit_step(*, project: Project, step_slug: str) -> None:
    """Remember where the consultant is, so that closing the browser resumes there."""
    if project.current_step != step_slug:
        Project.objects.filter(pk=project.pk).update(current_step=step_slug)
        project.current_step = step_slug


def _posted(raw: Mapping[str, Any], name: str) -> Sequence[str]:
    """Every value posted under `name`. A QueryDict's `.get()` returns only the last one
    (a bare string), which the cleaners would read character by character."""
    getlist = getattr(raw, "getlist", None)
    if getlist is not None:
        return list(getlist(name))
    value = raw.get(name, ())
    return [value] if isinstance(value, str) else value


@dataclass
class SaveResult:
    answers: dict[str, Any]
    before: dict[str, Any] = field(default_factory=dict)
    saved: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def _store(
    *,
    project: Project,
    question: Question,
    value: Any,
    previous: Any,
    exists: bool,
    user: User | None,
    now: Any,
) -> None:
    if exists:
        Answer.objects.filter(project=project, question_id=question.id).update(
            value=value, updated_by=user, updated_at=now
        )
    else:
        try:
            with transaction.atomic():
                Answer.objects.create(
                    project=project,
                    question_id=question.id,
                    value=value,
                    updated_by=user,
                    updated_at=now,
                )
        except IntegrityError:
            # Another tab created it between our read and our write: last write wins for
            # the same question, which is what the person typing expects.
            Answer.objects.filter(project=project, question_id=question.id).update(
                value=value, updated_by=user, updated_at=now
            )
    AnswerRevision.objects.create(
        project=project,
        question_id=question.id,
        value=value,
        previous_value=previous,
        changed_by=user,
        changed_at=now,
    )


def answers_save(
    *,
    project: Project,
    raw: Mapping[str, Sequence[str]],
    questions: Sequence[Question],
    user: User | None,
) -> SaveResult:
    """Validate and save the posted values of `questions`.

    Each question stands alone: an invalid value is reported and not saved, and every valid
    one is saved, so nothing typed elsewhere is lost. Only questions whose value changed
    are written, and each change is recorded with who made it.
    """
    with transaction.atomic():
        stored = dict(Answer.objects.filter(project=project).values_list("question_id", "value"))
        answers = dict(stored)
        result = SaveResult(answers=answers, before=stored)
        now = timezone.now()
        for question in questions:
            try:
                value = clean_answer(question, _posted(raw, question.field_name))
            except AnswerInvalid as exc:
                result.errors[question.id] = str(exc)
                continue
            previous = stored.get(question.id)
            if value == previous and (question.id in stored or value is None):
                continue
            _store(
                project=project,
                question=question,
                value=value,
                previous=previous,
                exists=question.id in stored,
                user=user,
                now=now,
            )
            answers[question.id] = value
            result.saved.append(question.id)
        if result.saved:
            completeness = BANK.completeness(answers)
            Project.objects.filter(pk=project.pk).update(completeness=completeness, updated_at=now)
            project.completeness = completeness
            project.updated_at = now
    return result


@dataclass
class AutosaveResult:
    error: str = ""
    saved: bool = False
    previous: Any = None
    # Every stored answer, loaded only when this change can move progress or visibility.
    answers: dict[str, Any] | None = None


def answer_autosave(
    *,
    project: Project,
    question: Question,
    raw: Mapping[str, Any],
    user: User | None,
) -> AutosaveResult:
    """Save one question as the person types: the hot path of the wizard.

    Most saves change a value without changing whether the question is answered or what
    else is visible; those touch one answer row, its revision and the project's
    timestamp, and nothing else. Only a save that can move progress or open a follow-up
    loads the project's other answers to recompute completeness.
    """
    try:
        value = clean_answer(question, _posted(raw, question.field_name))
    except AnswerInvalid as exc:
        return AutosaveResult(error=str(exc))
    with transaction.atomic():
        stored = Answer.objects.filter(project=project, question_id=question.id).values_list(
            "value", flat=True
        )[:1]
        exists = bool(stored)
        previous = stored[0] if exists else None
        if value == previous:
            return AutosaveResult(saved=False, previous=previous)
        now = timezone.now()
        _store(
            project=project,
            question=question,
            value=value,
            previous=previous,
            exists=exists,
            user=user,
            now=now,
        )
        result = AutosaveResult(saved=True, previous=previous)
        if question.id in BANK.triggers or _is_answered(previous) != _is_answered(value):
            answers = dict(
                Answer.objects.filter(project=project).values_list("question_id", "value")
            )
            result.answers = answers
            project.completeness = BANK.completeness(answers)
            Project.objects.filter(pk=project.pk).update(
                completeness=project.completeness, updated_at=now
            )
            project.updated_at = now
        elif project.updated_at is None or now - project.updated_at > TOUCH_INTERVAL:
            # "Last change" on the dashboard needs minutes, not every keystroke pause.
            Project.objects.filter(pk=project.pk).update(updated_at=now)
            project.updated_at = now
    return result


def _is_answered(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _canonical(question: Question, value: Any) -> Any:
    """Multi-choice answers in bank order, as the wizard saves them."""
    if question.type == "multi" and isinstance(value, list):
        order = {choice.value: index for index, choice in enumerate(question.choices)}
        return sorted(value, key=lambda item: order.get(item, len(order)))
    return value


def answers_load(*, project: Project, answers: Mapping[str, Any], user: User | None) -> None:
    """Set many answers at once (demo data, imports), recording each as a revision."""
    unknown = set(answers) - set(BANK.questions)
    if unknown:
        raise ValueError(f"unknown question ids: {sorted(unknown)}")
    now = timezone.now()
    answers = {qid: _canonical(BANK.questions[qid], value) for qid, value in answers.items()}
    with transaction.atomic():
        stored = dict(Answer.objects.filter(project=project).values_list("question_id", "value"))
        for qid, value in answers.items():
            _store(
                project=project,
                question=BANK.questions[qid],
                value=value,
                previous=stored.get(qid),
                exists=qid in stored,
                user=user,
                now=now,
            )
        merged = {**stored, **answers}
        project.completeness = BANK.completeness(merged)
        project.save(update_fields=["completeness", "updated_at"])
