from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from accounts.models import Membership, Organization

from .bank import BANK, AnswerInvalid, Question, clean_answer
from .models import Answer, AnswerRevision, Project

TOUCH_INTERVAL = timedelta(seconds=60)


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
    revision: bool = True,
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
    if not revision:
        return
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
    found: bool = True  # False: no such project for this consultant
    error: str = ""
    saved: bool = False
    previous: Any = None
    # Every stored answer, loaded only when this change can move progress or visibility.
    answers: dict[str, Any] | None = None


# The autosave hot path runs on every pause in typing. Built through the ORM, its four
# statements cost more CPU to compile than to execute, so they are written out once here,
# parameterized, in SQL that SQLite and PostgreSQL share; values still go through the
# model fields' own conversions. Only table names (from the models) are interpolated.
_A = Answer._meta
_SQL_TARGET = (
    f"SELECT a.id, a.value FROM {Project._meta.db_table} p "  # noqa: S608
    f"INNER JOIN {Membership._meta.db_table} m "
    "ON m.organization_id = p.organization_id AND m.user_id = %s "
    f"LEFT OUTER JOIN {_A.db_table} a ON a.project_id = p.id AND a.question_id = %s "
    "WHERE p.id = %s"
)
_SQL_UPDATE = (
    f"UPDATE {_A.db_table} SET value = %s, updated_by_id = %s, updated_at = %s WHERE id = %s"  # noqa: S608
)
_SQL_REVISION = (
    f"INSERT INTO {AnswerRevision._meta.db_table} "  # noqa: S608
    "(project_id, question_id, value, previous_value, changed_by_id, changed_at) "
    "VALUES (%s, %s, %s, %s, %s, %s)"
)
_SQL_TOUCH = (
    f"UPDATE {Project._meta.db_table} SET updated_at = %s WHERE id = %s AND updated_at < %s"  # noqa: S608
)


def answer_autosave(
    *,
    project_id: int,
    question: Question,
    raw: Mapping[str, Any],
    user: User,
) -> AutosaveResult:
    """Save one question as the person types, if `user` may edit the project.

    Most saves change a value without changing whether the question is answered or what
    else is visible: those read the stored answer (checking membership in the same
    statement), update it, record the revision and touch the project's timestamp at most
    once a minute. Only a save that can move progress or open a follow-up loads the
    project's other answers to recompute completeness.
    """
    try:
        value = clean_answer(question, _posted(raw, question.field_name))
    except AnswerInvalid as exc:
        if not Project.objects.filter(pk=project_id, organization__memberships__user=user).exists():
            return AutosaveResult(found=False)
        return AutosaveResult(error=str(exc))
    field = _A.get_field("value")
    connection = connections[Answer.objects.db]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_SQL_TARGET, [user.pk, question.id, project_id])
        row = cursor.fetchone()
        if row is None:
            return AutosaveResult(found=False)
        answer_id, stored = row
        previous = (
            field.from_db_value(stored, None, connection)  # type: ignore[arg-type]
            if answer_id
            else None
        )
        if answer_id is not None and value == previous:
            return AutosaveResult(saved=False, previous=previous)
        if answer_id is None and value is None:
            return AutosaveResult(saved=False)
        now = timezone.now()
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        prepared = field.get_db_prep_save(value, connection)
        if answer_id is not None:
            cursor.execute(_SQL_UPDATE, [prepared, user.pk, stamp, answer_id])
        else:
            project = Project(pk=project_id)
            _store(
                project=project,
                question=question,
                value=value,
                previous=None,
                exists=False,
                user=user,
                now=now,
                revision=False,
            )
        cursor.execute(
            _SQL_REVISION,
            [
                project_id,
                question.id,
                prepared,
                field.get_db_prep_save(previous, connection),
                user.pk,
                stamp,
            ],
        )
        result = AutosaveResult(saved=True, previous=previous)
        if question.id in BANK.triggers or _is_answered(previous) != _is_answered(value):
            answers = dict(
                Answer.objects.filter(project_id=project_id).values_list("question_id", "value")
            )
            result.answers = answers
            Project.objects.filter(pk=project_id).update(
                completeness=BANK.completeness(answers), updated_at=now
            )
        else:
            # "Last change" on the dashboard needs minutes, not every keystroke pause.
            threshold = ops.adapt_datetimefield_value(now - TOUCH_INTERVAL)
            cursor.execute(_SQL_TOUCH, [stamp, project_id, threshold])
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
