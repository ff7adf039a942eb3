from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import connections, transaction
from django.http import QueryDict
from django.utils import timezone

from accounts.models import Membership, Organization

from . import suggestions
from .bank import BANK, AnswerInvalid, QType, Question
from .bank.model import check_stored, clean_posted
from .models import Answer, AnswerRevision, Project, ProjectTemplate, SuggestionDecision
from .project_templates import clean_template_answers
from .revisions import (
    Base,
    Current,
    Decision,
    base_field,
    decide,
    posted_base,
    posted_keeps,
    posted_tab,
    posted_takes,
)

TOUCH_INTERVAL = timedelta(seconds=60)


def project_create(
    *,
    organization: Organization,
    name: str,
    client_name: str,
    industry: str = "",
    language: str = "",
    user: User | None,
    template: tuple[str, dict[str, Any]] | None = None,
) -> Project:
    """A new project; with `template` (its name and answers), started from that template:
    its answers prefilled, each marked as the template's guess until confirmed."""
    project = Project(
        organization=organization,
        name=name.strip(),
        client_name=client_name.strip(),
        industry=industry.strip(),
        language=language or organization.language,
        created_by=user,
        current_step=BANK.first_step().slug,
    )
    project.full_clean()
    project.save()
    if template is not None:
        name_, answers = template
        project_template_apply(project=project, name=name_, answers=answers, user=user)
    return project


def project_rename(
    *, project: Project, name: str, client_name: str, industry: str, language: str = ""
) -> Project:
    project.name = name.strip()
    project.client_name = client_name.strip()
    project.industry = industry.strip()
    if language:
        project.language = language
    project.full_clean()
    project.save(update_fields=["name", "client_name", "industry", "language", "updated_at"])
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


@dataclass
class Conflict:
    """A write refused because someone else changed the answer since the page read it:
    both versions, for the person to choose."""

    question_id: str
    mine: Any
    theirs: Any
    revision: int  # the stored revision the person is shown (and may overwrite)
    changed_at: datetime
    changed_by: str  # who wrote theirs, as shown
    same_user: bool  # theirs came from another tab of the same person


@dataclass
class SaveResult:
    answers: dict[str, Any]
    before: dict[str, Any] = field(default_factory=dict)
    saved: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    # What each question should be shown with next: the stored revision for a question
    # that was saved or left alone, the page's own base for one in error or in conflict.
    bases: dict[str, Base] = field(default_factory=dict)


# --- the one answer writer ---------------------------------------------------------------
#
# Every write of an answer goes through `_save_one`: the wizard's step saves and autosave,
# suggestions, imports of answers, the review loop. It applies `revisions.decide` to the
# row it read and writes with a compare-and-set on the revision, so two writers that read
# the same revision cannot both win (on PostgreSQL the second UPDATE waits for the first
# and then matches no row; SQLite's IMMEDIATE transactions never interleave): the loser
# reads the row again and decides again. The statements are written out once, in SQL that
# SQLite and PostgreSQL share, because the autosave hot path runs on every pause in typing
# and the ORM's compile time would dominate it. Values still go through the model
# fields' own conversions; only table names (from the models) are interpolated.

_A = Answer._meta
_SQL_TARGET = (
    f"SELECT a.id, a.value, a.revision, a.updated_tab FROM {Project._meta.db_table} p "  # noqa: S608
    f"INNER JOIN {Membership._meta.db_table} m "
    "ON m.organization_id = p.organization_id AND m.user_id = %s "
    f"LEFT OUTER JOIN {_A.db_table} a ON a.project_id = p.id AND a.question_id = %s "
    "WHERE p.id = %s"
)
_SQL_ROW = (
    f"SELECT id, value, revision, updated_tab FROM {_A.db_table} "  # noqa: S608
    "WHERE project_id = %s AND question_id = %s"
)
_SQL_UPDATE = (
    f"UPDATE {_A.db_table} SET value = %s, updated_by_id = %s, updated_at = %s, "  # noqa: S608
    # A written answer is the consultant's: a template's mark on it goes.
    "revision = revision + 1, updated_tab = %s, template = '' WHERE id = %s AND revision = %s"
)
_SQL_INSERT = (
    f"INSERT INTO {_A.db_table} "  # noqa: S608
    "(project_id, question_id, value, revision, updated_tab, updated_by_id, updated_at) "
    "VALUES (%s, %s, %s, 1, %s, %s, %s) ON CONFLICT (project_id, question_id) DO NOTHING "
    "RETURNING id"
)
_SQL_REVISION = (
    f"INSERT INTO {AnswerRevision._meta.db_table} "  # noqa: S608
    "(project_id, question_id, value, previous_value, changed_by_id, changed_at) "
    "VALUES (%s, %s, %s, %s, %s, %s)"
)
_SQL_TOUCH = (
    f"UPDATE {Project._meta.db_table} SET updated_at = %s WHERE id = %s AND updated_at < %s"  # noqa: S608
)


@dataclass(frozen=True, slots=True)
class _Row:
    id: int
    current: Current


@dataclass(frozen=True, slots=True)
class _Outcome:
    decision: Decision
    previous: Any  # the value before (for the revision history and visibility)
    base: Base  # the base to show next
    conflict: Conflict | None = None


def _row(connection: Any, values: Sequence[Any] | None) -> _Row | None:
    if values is None or values[0] is None:
        return None
    answer_id, stored, revision, tab = values
    value = _A.get_field("value").from_db_value(stored, None, connection)  # type: ignore[arg-type]
    return _Row(answer_id, Current(value, int(revision), tab or ""))


def _conflict(question: Question, mine: Any, row: _Row, user: User | None) -> Conflict:
    answer = Answer.objects.select_related("updated_by").get(pk=row.id)
    author = answer.updated_by
    return Conflict(
        question_id=question.id,
        mine=mine,
        theirs=row.current.value,
        revision=row.current.revision,
        changed_at=answer.updated_at,
        changed_by=(author.get_full_name() or author.username) if author else "someone",
        same_user=author is not None and user is not None and author.pk == user.pk,
    )


def _save_one(
    cursor: Any,
    connection: Any,
    *,
    project_id: int,
    question: Question,
    value: Any,
    row: _Row | None,
    base: Base | None,
    tab: str,
    keep: int | None,
    user: User | None,
    now: datetime,
    skip_unchanged: bool = True,
) -> _Outcome:
    """Write one answer if the revision rule lets it (see discovery.revisions), recording
    the change. Runs inside the caller's transaction."""
    field_ = _A.get_field("value")
    user_id = user.pk if user is not None else None
    for _attempt in range(5):
        current = row.current if row is not None else None
        previous = current.value if current is not None else None
        stored_base = Base.of(previous, current.revision if current else 0)
        decision = decide(current, value, base, tab=tab, keep=keep, skip_unchanged=skip_unchanged)
        if decision is Decision.UNCHANGED or decision is Decision.SKIP:
            return _Outcome(decision, previous, stored_base)
        if decision is Decision.CONFLICT:
            assert row is not None  # nothing stored is never a conflict
            conflict = _conflict(question, value, row, user)
            return _Outcome(decision, previous, base or stored_base, conflict)
        stamp = connection.ops.adapt_datetimefield_value(now)
        prepared = field_.get_db_prep_save(value, connection)
        if row is not None:
            cursor.execute(
                _SQL_UPDATE, [prepared, user_id, stamp, tab, row.id, row.current.revision]
            )
            written = cursor.rowcount == 1
            revision = row.current.revision + 1
        else:
            cursor.execute(_SQL_INSERT, [project_id, question.id, prepared, tab, user_id, stamp])
            written = cursor.fetchone() is not None
            revision = 1
        if not written:
            # Another writer got in between our read and our write: read it and decide again.
            cursor.execute(_SQL_ROW, [project_id, question.id])
            row = _row(connection, cursor.fetchone())
            continue
        cursor.execute(
            _SQL_REVISION,
            [
                project_id,
                question.id,
                prepared,
                field_.get_db_prep_save(previous, connection),
                user_id,
                stamp,
            ],
        )
        return _Outcome(decision, previous, Base.of(value, revision))
    raise RuntimeError(f"answer {question.id} of project {project_id} kept changing under us")


def _rows(project_id: int) -> dict[str, _Row]:
    rows = Answer.objects.filter(project_id=project_id).values_list(
        "question_id", "id", "value", "revision", "updated_tab"
    )
    return {
        qid: _Row(answer_id, Current(value, revision, tab or ""))
        for qid, answer_id, value, revision, tab in rows
    }


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
    are written, each change recorded with who made it. The page's bases (`__rev.<id>`,
    `__tab`, `__keep`, `__take`: see discovery.revisions) decide what this write may
    replace: a question another tab changed since this page read it is written only if
    this page changed it too, and then refused as a conflict for the person to resolve.
    A question named in `__take` is not written (the other version stands).
    """
    tab, keeps, takes = posted_tab(raw), posted_keeps(raw), posted_takes(raw)
    connection = connections[Answer.objects.db]
    with transaction.atomic(), connection.cursor() as cursor:
        rows = _rows(project.pk)
        stored = {qid: row.current.value for qid, row in rows.items()}
        answers = dict(stored)
        result = SaveResult(answers=answers, before=stored)
        result.bases = {
            qid: Base.of(row.current.value, row.current.revision) for qid, row in rows.items()
        }
        now = timezone.now()
        for question in questions:
            base = posted_base(raw, question.id)
            try:
                value = clean_posted(question, raw)
            except AnswerInvalid as exc:
                result.errors[question.id] = str(exc)
                if base is not None:
                    result.bases[question.id] = base
                continue
            if question.id in takes:
                continue
            outcome = _save_one(
                cursor,
                connection,
                project_id=project.pk,
                question=question,
                value=value,
                row=rows.get(question.id),
                base=base,
                tab=tab,
                keep=keeps.get(question.id),
                user=user,
                now=now,
            )
            result.bases[question.id] = outcome.base
            if outcome.conflict is not None:
                result.conflicts[question.id] = outcome.conflict
                answers[question.id] = outcome.conflict.theirs
            elif outcome.decision is Decision.WRITE:
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
    # The base the page should hold for this question after this answer.
    base: Base | None = None
    conflict: Conflict | None = None
    # Every stored answer, loaded only when this change can move progress or visibility,
    # with the base of each (for the follow-ups sent back out of band).
    answers: dict[str, Any] | None = None
    bases: dict[str, Base] = field(default_factory=dict)


def answer_autosave(
    *,
    project_id: int,
    question: Question,
    raw: Mapping[str, Any],
    user: User,
) -> AutosaveResult:
    """Save one question as the person types, if `user` may edit the project and the
    revision rule lets it (a stale page gets the conflict, and its text is not written).

    Most saves change a value without changing whether the question is answered or what
    else is visible: those read the stored answer (checking membership in the same
    statement), update it, record the revision and touch the project's timestamp at most
    once a minute. Only a save that can move progress or open a follow-up loads the
    project's other answers to recompute completeness.
    """
    base = posted_base(raw, question.id)
    try:
        value = clean_posted(question, raw)
    except AnswerInvalid as exc:
        if not Project.objects.filter(pk=project_id, organization__memberships__user=user).exists():
            return AutosaveResult(found=False)
        return AutosaveResult(error=str(exc), base=base)
    connection = connections[Answer.objects.db]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_SQL_TARGET, [user.pk, question.id, project_id])
        target = cursor.fetchone()
        if target is None:
            return AutosaveResult(found=False)
        now = timezone.now()
        outcome = _save_one(
            cursor,
            connection,
            project_id=project_id,
            question=question,
            value=value,
            row=_row(connection, target),
            base=base,
            tab=posted_tab(raw),
            keep=None,
            user=user,
            now=now,
            skip_unchanged=False,
        )
        result = AutosaveResult(
            saved=outcome.decision is Decision.WRITE,
            previous=outcome.previous,
            base=outcome.base,
            conflict=outcome.conflict,
        )
        if not result.saved:
            return result
        previous = outcome.previous
        if question.id in BANK.triggers or _is_answered(previous) != _is_answered(value):
            rows = _rows(project_id)
            result.answers = {qid: row.current.value for qid, row in rows.items()}
            result.bases = {
                qid: Base.of(row.current.value, row.current.revision) for qid, row in rows.items()
            }
            Project.objects.filter(pk=project_id).update(
                completeness=BANK.completeness(result.answers), updated_at=now
            )
        else:
            # "Last change" on the dashboard needs minutes, not every keystroke pause.
            ops = connection.ops
            cursor.execute(
                _SQL_TOUCH,
                [
                    ops.adapt_datetimefield_value(now),
                    project_id,
                    ops.adapt_datetimefield_value(now - TOUCH_INTERVAL),
                ],
            )
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
    """Set many answers at once (demo data, imports, the review loop), recording each as a
    revision. Not a page: it writes without a base, through the same writer."""
    unknown = set(answers) - set(BANK.questions)
    if unknown:
        raise ValueError(f"unknown question ids: {sorted(unknown)}")
    now = timezone.now()
    answers = {qid: _canonical(BANK.questions[qid], value) for qid, value in answers.items()}
    for qid, value in answers.items():
        try:
            check_stored(BANK.questions[qid], value)
        except AnswerInvalid as exc:
            raise ValueError(f"{qid}: {exc}") from None
    connection = connections[Answer.objects.db]
    with transaction.atomic(), connection.cursor() as cursor:
        rows = _rows(project.pk)
        merged = {qid: row.current.value for qid, row in rows.items()}
        for qid, value in answers.items():
            _save_one(
                cursor,
                connection,
                project_id=project.pk,
                question=BANK.questions[qid],
                value=value,
                row=rows.get(qid),
                base=None,
                tab="",
                keep=None,
                user=user,
                now=now,
            )
            merged[qid] = value
        project.completeness = BANK.completeness(merged)
        project.save(update_fields=["completeness", "updated_at"])


# --- project templates -----------------------------------------------------------------------


def project_template_apply(
    *, project: Project, name: str, answers: dict[str, Any], user: User | None
) -> list[str]:
    """Prefill a template's answers, each marked as that template's guess. Only answers the
    bank accepts, and follow-ups the template's own answers show, go in; an answer already
    given is left alone. Returns the question ids prefilled."""
    stored = set(Answer.objects.filter(project=project).values_list("question_id", flat=True))
    prefill = {
        qid: value for qid, value in clean_template_answers(answers).items() if qid not in stored
    }
    if not prefill:
        return []
    with transaction.atomic():
        answers_load(project=project, answers=prefill, user=user)
        Answer.objects.filter(project=project, question_id__in=prefill).update(template=name[:100])
    return list(prefill)


def answers_confirm(
    *, project: Project, question_ids: Sequence[str], user: User | None
) -> list[str]:
    """The consultant confirms template answers as the client's: their marks go. Returns
    the question ids confirmed (those that carried a mark)."""
    with transaction.atomic():
        marked = list(
            Answer.objects.filter(project=project, question_id__in=list(question_ids))
            .exclude(template="")
            .values_list("question_id", flat=True)
        )
        if marked:
            Answer.objects.filter(project=project, question_id__in=marked).update(
                template="", updated_by=user, updated_at=timezone.now()
            )
    return marked


def project_template_save(
    *,
    project: Project,
    name: str,
    description: str,
    question_ids: Sequence[str],
    user: User | None,
) -> ProjectTemplate:
    """Save the chosen answers of `project` as a template of its organization. Only what
    the consultant ticked goes in; hidden follow-ups and invalid answers never do."""
    effective = BANK.effective_answers(
        dict(Answer.objects.filter(project=project).values_list("question_id", "value"))
    )
    chosen = {qid: effective[qid] for qid in question_ids if qid in effective}
    template = ProjectTemplate(
        organization=project.organization,
        name=name.strip(),
        description=description.strip(),
        answers=clean_template_answers(chosen),
        created_by=user,
    )
    template.full_clean()
    template.save()
    return template


def project_template_delete(*, template: ProjectTemplate) -> None:
    template.delete()


# --- suggestions from free text --------------------------------------------------------------


def suggestions_for(
    *, project: Project, answers: Mapping[str, Any], question_ids: Sequence[str] | None = None
) -> dict[str, list[suggestions.Suggestion]]:
    """Open suggestions of the project's free-text answers (of `question_ids` if given)."""
    effective = BANK.effective_answers(answers)
    wanted = suggestions.text_questions() if question_ids is None else question_ids
    texts = {qid: effective[qid] for qid in wanted if isinstance(effective.get(qid), str)}
    # Read even when there is no text yet: a page's queries do not depend on its answers.
    decided = decided_keys(project.pk)
    return suggestions.suggest(texts, answers, decided) if texts else {}


# Autosave reads these on every pause in typing in a free-text answer: written out once,
# as the autosave statements are, since the ORM would spend longer compiling them.
_SQL_DECIDED = f'SELECT "key" FROM {SuggestionDecision._meta.db_table} WHERE project_id = %s'  # noqa: S608
_SQL_ANSWERS = f"SELECT question_id, value FROM {Answer._meta.db_table} WHERE project_id = %s"  # noqa: S608


def decided_keys(project_id: int) -> list[str]:
    """The suggestions decided on in a project, accepted or dismissed."""
    with connections[SuggestionDecision.objects.db].cursor() as cursor:
        cursor.execute(_SQL_DECIDED, [project_id])
        return [row[0] for row in cursor.fetchall()]


def stored_answers(project_id: int) -> dict[str, Any]:
    """Every stored answer of a project (question id → value), as the wizard reads them."""
    connection = connections[Answer.objects.db]
    field = Answer._meta.get_field("value")
    with connection.cursor() as cursor:
        cursor.execute(_SQL_ANSWERS, [project_id])
        return {
            qid: field.from_db_value(value, None, connection)  # type: ignore[arg-type]
            for qid, value in cursor.fetchall()
        }


def _raw_rows(question: Question, rows: Any) -> dict[str, list[str]]:
    """A list-of-rows answer as its form posts it: every field one value per row."""
    rows = rows if isinstance(rows, list) else []
    return {
        question.field_input_name(f.id): [
            "" if row.get(f.id) is None else _raw_for(f, row.get(f.id))[0] for row in rows
        ]
        for f in question.fields
    }


def _raw_for(question: Question, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return [str(int(value))]
    return [str(value)]


@dataclass
class DecisionResult:
    decision: SuggestionDecision | None = None
    suggestion: suggestions.Suggestion | None = None
    save: SaveResult | None = None
    error: str = ""


def suggestion_decide(
    *, project: Project, source_question_id: str, key: str, accept: bool, user: User | None
) -> DecisionResult:
    """Accept or dismiss a suggestion heard in `source_question_id`.

    The suggestion is found again from the stored text, so what is recorded (and later
    shown in traces) is the sentence as saved, never what a form claimed. Accepting saves
    the answers it implies through `answers_save`, the same validation as typing; a
    suggestion that no longer applies (the text changed, it was decided in another tab,
    the answer was given meanwhile) is refused with a message and nothing is saved.
    """
    if source_question_id not in BANK.questions:
        return DecisionResult(error="That suggestion is not from a question of this discovery.")
    with transaction.atomic():
        rows = {
            qid: (value, revision)
            for qid, value, revision in Answer.objects.filter(project=project).values_list(
                "question_id", "value", "revision"
            )
        }
        answers = {qid: value for qid, (value, _) in rows.items()}
        found = suggestions_for(
            project=project, answers=answers, question_ids=[source_question_id]
        ).get(source_question_id, [])
        suggestion = next((s for s in found if s.key == key), None)
        if suggestion is None:
            return DecisionResult(
                error="That suggestion no longer applies: the text or the answers changed."
            )
        made: list[dict[str, Any]] = []
        save = None
        if accept:
            raw = QueryDict(mutable=True)
            questions = []
            current = dict(answers)
            for implied in suggestion.answers:
                question = BANK.questions[implied.question_id]
                value = suggestions.applied(implied, current)
                current[question.id] = value
                if question.type is QType.RECORDS:
                    for name, values in _raw_rows(question, value).items():
                        raw.setlist(name, values)
                else:
                    raw.setlist(question.field_name, _raw_for(question, value))
                # The base this accept read: a write by someone else since is a conflict,
                # refused as it would be for typing (discovery.revisions).
                stored, revision = rows.get(question.id, (None, 0))
                raw[base_field(question.id)] = Base.of(stored, revision).encode()
                if question not in questions:
                    questions.append(question)
                made.append({"question_id": question.id, "value": implied.value})
            save = answers_save(project=project, raw=raw, questions=questions, user=user)
            if save.conflicts:
                transaction.set_rollback(True)
                qid = next(iter(save.conflicts))
                return DecisionResult(
                    suggestion=suggestion,
                    save=save,
                    error=(
                        f"Not added: “{BANK.questions[qid].label}” was changed meanwhile. "
                        "Reload the page and decide again."
                    ),
                )
            if save.errors:
                transaction.set_rollback(True)
                qid, message = next(iter(save.errors.items()))
                return DecisionResult(
                    suggestion=suggestion,
                    save=save,
                    error=f"Not added: “{BANK.questions[qid].label}”: {message}",
                )
        finding = suggestion.finding
        decision = SuggestionDecision.objects.create(
            project=project,
            key=key,
            status=SuggestionDecision.Status.ACCEPTED
            if accept
            else SuggestionDecision.Status.DISMISSED,
            source_question_id=source_question_id,
            finding={
                "category": finding.category,
                "value": finding.value,
                "label": finding.label,
                "group": finding.group,
                "text": finding.text,
                "start": finding.start,
                "end": finding.end,
            },
            sentence=finding.sentence[:4000],
            answers=made,
            decided_by=user,
            decided_at=timezone.now(),
        )
    return DecisionResult(decision=decision, suggestion=suggestion, save=save)


@dataclass
class HeardAnswer:
    """What the extractor heard in one free-text answer, for the gaps review."""

    question: Question
    open: list[suggestions.Suggestion] = field(default_factory=list)
    accepted: list[SuggestionDecision] = field(default_factory=list)
    dismissed: list[SuggestionDecision] = field(default_factory=list)
    not_used: list[Any] = field(default_factory=list)  # negated findings
    no_home: list[Any] = field(default_factory=list)  # findings no question holds yet
    quiet: list[str] = field(default_factory=list)  # sentences in which nothing was heard
    box: str = ""  # the suggestions box, as the view renders it


def heard_review(*, project: Project, answers: Mapping[str, Any]) -> list[HeardAnswer]:
    """Every free-text answer with what was heard in it and what was not: suggestions not
    yet decided, decisions, mentions of things not used, things with no question to hold
    them, and the sentences that name nothing the extractor knows."""
    from .extraction.text import neutralize_html, sentence_spans

    effective = BANK.effective_answers(answers)
    open_by_question = suggestions_for(project=project, answers=answers)
    decisions: dict[str, list[SuggestionDecision]] = {}
    for decision in SuggestionDecision.objects.filter(project=project):
        decisions.setdefault(decision.source_question_id, []).append(decision)
    out = []
    for qid in suggestions.text_questions():
        text = effective.get(qid)
        if not isinstance(text, str) or not text.strip():
            continue
        item = HeardAnswer(question=BANK.questions[qid], open=open_by_question.get(qid, []))
        for decision in decisions.get(qid, []):
            if decision.status == SuggestionDecision.Status.ACCEPTED:
                item.accepted.append(decision)
            else:
                item.dismissed.append(decision)
        findings = suggestions.extract(text)
        heard_in = {f.sentence_start for f in findings}
        listed: set[tuple[str, str, bool]] = set()
        for finding in findings:
            if finding.key in listed:
                continue
            listed.add(finding.key)
            if finding.negated:
                item.not_used.append(finding)
            elif not suggestions.implied(finding, findings) and not suggestions.held_by_row(
                finding, findings
            ):
                item.no_home.append(finding)
        clean = neutralize_html(text)
        item.quiet = [
            " ".join(clean[a:b].split()) for a, b in sentence_spans(clean) if a not in heard_in
        ]
        out.append(item)
    return out
