"""Import a project export into an organization: validate everything, then write new rows
in one transaction. Ids in the file are never used; order, numbers, hashes and timestamps
are kept. A proposal version whose snapshot no longer matches its content hash is refused:
what a client approved must stay exactly what they approved.

Approvals are kept as approvals only from a file this installation signed and nobody
changed (exports/signing.py). From another installation, or from an unsigned file of
format 1, they become "imported, not verified here" records (reviews.ImportedApproval):
they keep who, when and which content, and never print the APPROVED stamp nor make the
project approved. A file that names this installation's key and does not match its
signature is refused."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Organization
from discovery.bank import BANK, AnswerInvalid, Question
from discovery.bank.migrations import RETIRED_QUESTION_IDS, migrate_answers
from discovery.bank.model import check_stored
from discovery.models import Answer, AnswerRevision, Project
from frameworks.models import FrameworkGeneration, SectionNote
from frameworks.services import SECTION_KEYS
from requirements_app.attributes import clean as clean_attributes
from requirements_app.models import Requirement, RequirementSync
from reviews.models import Approval, Comment, Feedback, ImportedApproval, ProposalVersion, Reviewer
from reviews.services import snapshot_hash, token_hash

from .document import FORMAT, READABLE_VERSIONS, VERSION
from .models import ProjectImport
from .people import PeopleMatcher
from .reading import Reader, fail
from .signing import Verdict, verify

MAX_REVISIONS = 100_000
MAX_REQUIREMENTS = 5_000
MAX_GENERATIONS = 1_000
MAX_VERSIONS = 500
MAX_REVIEWERS = 500
MAX_COMMENTS = 5_000  # per version
MAX_TEXT = 5000


def _answer_value(question: Question, value: Any, path: str) -> Any:
    """A current answer, checked by the wizard's own cleaner: it must be a value the
    wizard could have saved for this question."""
    try:
        return check_stored(question, value)
    except AnswerInvalid as exc:
        raise fail(path, str(exc)) from None


def _history_value(value: Any, path: str) -> Any:
    """A past value: the bank may have changed since, so only its shape is checked: text,
    a number, a list of choices or codes, a quantity, or a list of rows of those."""
    if _plain_value(value):
        return value
    if isinstance(value, dict) and len(value) <= 2 and all(_plain_value(v) for v in value.values()):
        return value  # a quantity
    if (
        isinstance(value, list)
        and len(value) <= 200
        and all(
            isinstance(row, dict)
            and len(row) <= 20
            and all(isinstance(k, str) and _plain_value(v) for k, v in row.items())
            for row in value
        )
    ):
        return value  # rows
    raise fail(path, "expected text, a number, a list of choices or a list of rows.")


def _plain_value(value: Any) -> bool:
    if value is None or isinstance(value, str | int | float) and not isinstance(value, bool):
        return not (isinstance(value, str) and len(value) > 20_000)
    return isinstance(value, list) and len(value) <= 200 and all(isinstance(v, str) for v in value)


def _question(r: Reader, *, history: bool = False) -> str:
    """The question id a row names; a retired id is accepted in the history only."""
    qid = r.text("question_id", max_length=100)
    if qid in BANK.questions or (history and qid in RETIRED_QUESTION_IDS):
        return qid
    raise fail(r.at("question_id"), f"{qid!r} is not a question of this app's question bank.")


def _json(r: Reader, key: str, kind: type) -> Any:
    value = r.raw(key)
    if not isinstance(value, kind):
        raise fail(r.at(key), f"expected {'an object' if kind is dict else 'a list'}.")
    return value


def _check_header(data: Any) -> tuple[Reader, int]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise fail("", "This file is not a Support Blueprint project export.")
    version = data.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise fail(
            "",
            f"This export has format version {version!r}; this app reads versions "
            f"{', '.join(map(str, READABLE_VERSIONS))} (it writes version {VERSION}).",
        )
    return Reader(data, ""), int(version)


def _approval_source(verdict: Verdict, data: dict[str, Any]) -> str:
    if verdict is Verdict.UNSIGNED:
        return "an unsigned export (format 1)"
    signature = data.get("signature") or {}
    return f"an export signed by another installation (key {str(signature.get('key_id'))[:16]})"


@transaction.atomic
def project_import(data: Any, *, organization: Organization, user: User | None) -> Project:
    """Create a new project in `organization` from an export. Raises ValidationError with a
    message naming the offending place in the file; nothing is written then."""
    top, file_version = _check_header(data)
    verdict = verify(data, file_version)
    # Approvals this installation can vouch for stay approvals; others are only records.
    demoted_from = "" if verdict is Verdict.VERIFIED else _approval_source(verdict, data)
    exported_at = top.when("exported_at")
    people = PeopleMatcher(organization)
    now = timezone.now()

    p = Reader(top.obj("project"), "project")
    current_step = p.text("current_step", max_length=40)
    if current_step != "review" and current_step not in BANK.step_by_slug:
        current_step = BANK.first_step().slug
    project = Project(
        organization=organization,
        name=p.text("name", max_length=200, blank=False),
        client_name=p.text("client_name", max_length=200, blank=False),
        industry=p.text("industry", max_length=120),
        stage=p.choice("stage", Project.Stage.values),
        current_step=current_step,
        archived_at=p.when_or_none("archived_at"),
    )
    people.assign(project, "created_by", p.person("created_by"))
    created_at, updated_at = p.when("created_at"), p.when("updated_at")

    # Answers are read whole, brought up to the current bank (an export made before a
    # change of ids or values still imports), then each is checked by the wizard's cleaner.
    read: dict[str, tuple[Any, Reader]] = {}
    for r in top.readers("answers", max_items=len(BANK.questions) + len(RETIRED_QUESTION_IDS)):
        qid = _question(r, history=True)
        if qid in read:
            raise fail(r.at("question_id"), f"{qid!r} is answered twice.")
        read[qid] = (r.raw("value"), r)
    migrated = migrate_answers({qid: value for qid, (value, _r) in read.items()})
    answers: list[Answer] = []
    for qid, value in migrated.items():
        # A migrated answer takes the time and author of the answer it came from.
        source = (
            read.get(qid)
            or read.get("integrations.other_purpose")
            or read.get("integrations.other_direction")
        )
        assert source is not None
        r = source[1]
        answer = Answer(
            question_id=qid,
            value=_answer_value(BANK.questions[qid], value, r.at("value")),
            updated_at=r.when("updated_at"),
        )
        people.assign(answer, "updated_by", r.person("updated_by"))
        answers.append(answer)

    revisions: list[AnswerRevision] = []
    for r in top.readers("answer_revisions", max_items=MAX_REVISIONS):
        revision = AnswerRevision(
            question_id=_question(r, history=True),
            value=_history_value(r.raw("value"), r.at("value")),
            previous_value=_history_value(r.raw("previous_value"), r.at("previous_value")),
            changed_at=r.when("changed_at"),
        )
        people.assign(revision, "changed_by", r.person("changed_by"))
        revisions.append(revision)

    requirements, requirement_times = _requirements(top, people)
    sync = _sync(top, people)
    generations = _generations(top, people)
    notes, note_times = _notes(top, people)
    reviewers, reviewer_times = _reviewers(top, people, now)
    versions = [
        _version(r, len(reviewers), people, demoted_from)
        for r in top.readers("proposal_versions", max_items=MAX_VERSIONS)
    ]
    numbers = [v[0].number for v in versions]
    if len(set(numbers)) != len(numbers):
        raise fail("proposal_versions", "two versions have the same number.")
    demoted = sum(len(v[4]) for v in versions)
    if project.stage == Project.Stage.APPROVED and not any(v[3] for v in versions):
        # Approved by approvals that are not approvals here: back in review.
        project.stage = Project.Stage.REVIEW if versions else Project.Stage.FRAMEWORK

    # Everything is valid: write.
    project.completeness = BANK.completeness({a.question_id: a.value for a in answers})
    project.save()
    for rows in (answers, revisions, requirements, generations, notes, reviewers):
        for row in rows:
            row.project = project
    Answer.objects.bulk_create(answers)
    AnswerRevision.objects.bulk_create(revisions)
    Requirement.objects.bulk_create(requirements)
    FrameworkGeneration.objects.bulk_create(generations)
    SectionNote.objects.bulk_create(notes)
    Reviewer.objects.bulk_create(reviewers)
    # auto_now fields stamp "now" on insert; put the exported times back.
    _restore_times(Requirement, requirements, requirement_times, "updated_at")
    _restore_times(SectionNote, notes, note_times, "updated_at")
    _restore_times(Reviewer, reviewers, reviewer_times, "created_at")
    if sync is not None:
        sync.project = project
        sync.save()
    for version, comments, feedback, approvals, imported in versions:
        version.project = project
        version.save()
        _write_reviews(version, comments, feedback, approvals, reviewers)
        for record in imported:
            record.version = version
        ImportedApproval.objects.bulk_create(imported)
    Project.objects.filter(pk=project.pk).update(created_at=created_at, updated_at=updated_at)
    project.created_at, project.updated_at = created_at, updated_at
    ProjectImport.objects.create(
        project=project,
        imported_at=now,
        imported_by=user,
        source={
            "format": FORMAT,
            "version": file_version,
            "exported_at": exported_at.isoformat(),
            "organization": str(top.data.get("organization", ""))[:200],
            "signature": str(verdict),
            "approvals_not_verified": demoted,
        },
        people=people.resolve(),
    )
    return project


def _restore_times(model: Any, rows: list[Any], times: list[datetime], field: str) -> None:
    for row, when in zip(rows, times, strict=True):
        setattr(row, field, when)
    if rows:
        model.objects.bulk_update(rows, [field], batch_size=500)


def _requirements(top: Reader, people: PeopleMatcher) -> tuple[list[Requirement], list[datetime]]:
    rows, times, codes = [], [], set()
    for r in top.readers("requirements", max_items=MAX_REQUIREMENTS):
        code = r.text("code", max_length=20, blank=False)
        if code in codes:
            raise fail(r.at("code"), f"{code!r} appears twice.")
        codes.add(code)
        edited = _json(r, "edited_fields", list)
        if not all(name in ("title", "description", "priority") for name in edited):
            raise fail(r.at("edited_fields"), "names a field that cannot be edited.")
        criteria = _json(r, "acceptance_criteria", list)
        if not all(isinstance(c, str) for c in criteria):
            raise fail(r.at("acceptance_criteria"), "expected a list of text.")
        # What it constrains; exports written before attributes existed carry none.
        attributes = _json(r, "attributes", dict) if "attributes" in r.data else {}
        try:
            attributes = clean_attributes(attributes)
        except ValueError as exc:
            raise fail(r.at("attributes"), f"{exc}.") from exc
        requirement = Requirement(
            code=code,
            origin=r.choice("origin", Requirement.Origin.values),
            kind=r.choice("kind", Requirement.Kind.values),
            category=r.text("category", max_length=40, blank=False),
            priority=r.choice("priority", Requirement.Priority.values),
            title=r.text("title", max_length=300, blank=False),
            description=r.text("description", max_length=MAX_TEXT),
            rationale=r.text("rationale", max_length=20_000),
            acceptance_criteria=criteria,
            attributes=attributes,
            derived=_json(r, "derived", dict),
            edited_fields=edited,
            trace=_json(r, "trace", dict),
            fingerprint=r.text("fingerprint", max_length=64),
            mark=r.choice("mark", Requirement.Mark.values),
            mark_detail=_json(r, "mark_detail", dict),
            dismissed=r.boolean("dismissed"),
            dismiss_reason=r.text("dismiss_reason", max_length=500),
            position=r.integer("position"),
            version=r.integer("version", minimum=1),
        )
        people.assign(requirement, "updated_by", r.person("updated_by"))
        rows.append(requirement)
        times.append(r.when("updated_at"))
    return rows, times


def _sync(top: Reader, people: PeopleMatcher) -> RequirementSync | None:
    if top.raw("requirement_sync") is None:
        return None
    r = Reader(top.raw("requirement_sync"), "requirement_sync")
    sync = RequirementSync(
        synced_at=r.when("synced_at"),
        catalogue_version=r.text("catalogue_version", max_length=40),
        answers_hash=r.text("answers_hash", max_length=64),
        confirmed_at=r.when_or_none("confirmed_at"),
    )
    people.assign(sync, "confirmed_by", r.person("confirmed_by"))
    return sync


def _generations(top: Reader, people: PeopleMatcher) -> list[FrameworkGeneration]:
    rows, numbers = [], set()
    for r in top.readers("framework_generations", max_items=MAX_GENERATIONS):
        number = r.integer("number", minimum=1)
        if number in numbers:
            raise fail(r.at("number"), f"generation {number} appears twice.")
        numbers.add(number)
        generation = FrameworkGeneration(
            number=number,
            data=_json(r, "data", dict),
            changes=_json(r, "changes", dict),
            answers_hash=r.text("answers_hash", max_length=64),
            requirements_hash=r.text("requirements_hash", max_length=64),
            generated_at=r.when("generated_at"),
        )
        people.assign(generation, "generated_by", r.person("generated_by"))
        rows.append(generation)
    return rows


def _notes(top: Reader, people: PeopleMatcher) -> tuple[list[SectionNote], list[datetime]]:
    rows, times, sections = [], [], set()
    for r in top.readers("section_notes", max_items=len(SECTION_KEYS)):
        section = r.choice("section", SECTION_KEYS)
        if section in sections:
            raise fail(r.at("section"), f"{section!r} has two notes.")
        sections.add(section)
        note = SectionNote(
            section=section,
            intro_override=r.text("intro_override", max_length=MAX_TEXT),
            note=r.text("note", max_length=MAX_TEXT),
        )
        people.assign(note, "updated_by", r.person("updated_by"))
        rows.append(note)
        times.append(r.when("updated_at"))
    return rows, times


def _reviewers(
    top: Reader, people: PeopleMatcher, now: datetime
) -> tuple[list[Reviewer], list[datetime]]:
    rows, times = [], []
    for r in top.readers("reviewers", max_items=MAX_REVIEWERS):
        reviewer = Reviewer(
            name=r.text("name", max_length=200, blank=False),
            email=r.text("email", max_length=254, blank=False),
            # The link's token never travels: a fresh secret nobody knows, and revoked, so
            # the page says so and the consultant invites the reviewer again.
            token_hash=token_hash(secrets.token_urlsafe(32)),
            expires_at=r.when("expires_at"),
            revoked_at=r.when_or_none("revoked_at") or now,
            last_used_at=r.when_or_none("last_used_at"),
        )
        try:
            reviewer.clean_fields(exclude=["project", "token_hash", "created_by"])
        except ValidationError as exc:
            raise fail(r.path, "; ".join(exc.messages)) from None
        people.assign(reviewer, "created_by", r.person("created_by"))
        rows.append(reviewer)
        times.append(r.when("created_at"))
    return rows, times


VersionRows = tuple[
    ProposalVersion,
    list[tuple[Comment, int | None, list[tuple[Comment, int | None]]]],
    list[tuple[Feedback, int]],
    list[tuple[Approval, int]],
    list[ImportedApproval],
]


def _comment(r: Reader, reviewers: int, people: PeopleMatcher) -> tuple[Comment, int | None]:
    comment = Comment(
        section=r.text("section", max_length=40, blank=False),
        element_id=r.text("element_id", max_length=120),
        body=r.text("body", max_length=MAX_TEXT, blank=False),
        author_name=r.text("author_name", max_length=200),
        created_at=r.when("created_at"),
        resolved_at=r.when_or_none("resolved_at"),
        resolved_by_name=r.text("resolved_by_name", max_length=200),
    )
    people.assign(comment, "author", r.person("author"))
    return comment, r.index("reviewer", reviewers, null=True)


def _version(r: Reader, reviewers: int, people: PeopleMatcher, demoted_from: str) -> VersionRows:
    number = r.integer("number", minimum=1)
    snapshot = _json(r, "snapshot", dict)
    content_hash = r.text("content_hash", max_length=64, blank=False)
    if snapshot_hash(snapshot) != content_hash:
        raise fail(
            r.path,
            f"the content of v{number} does not match its content hash: the file was changed "
            "after it was exported. A published version must stay exactly what the client "
            "saw, so this file cannot be imported.",
        )
    version = ProposalVersion(
        number=number,
        change_summary=r.text("change_summary", max_length=MAX_TEXT),
        snapshot=snapshot,
        content_hash=content_hash,
        published_at=r.when("published_at"),
    )
    people.assign(version, "published_by", r.person("published_by"))
    comments = []
    for c in r.readers("comments", max_items=MAX_COMMENTS):
        replies = [
            _comment(reply, reviewers, people)
            for reply in c.readers("replies", max_items=MAX_COMMENTS)
        ]
        comments.append((*_comment(c, reviewers, people), replies))
    feedback, feedback_by = [], set()
    for f in r.readers("feedback", max_items=MAX_REVIEWERS):
        index = f.index("reviewer", reviewers)
        assert index is not None
        if index in feedback_by:
            raise fail(f.at("reviewer"), "this reviewer already gave feedback on this version.")
        feedback_by.add(index)
        row = Feedback(
            alignment=f.choice("alignment", Feedback.Alignment.values),
            alignment_comment=f.text("alignment_comment", max_length=MAX_TEXT),
            challenge=f.text("challenge", max_length=MAX_TEXT),
            submitted_at=f.when("submitted_at"),
            challenge_handled_as=f.choice("challenge_handled_as", Feedback.HandledAs.values),
            challenge_handled_ref=f.text("challenge_handled_ref", max_length=40),
            challenge_handled_at=f.when_or_none("challenge_handled_at"),
        )
        feedback.append((row, index))
    approvals, approved_by = [], set()
    imported: list[ImportedApproval] = []
    for a in r.readers("approvals", max_items=MAX_REVIEWERS):
        index = a.index("reviewer", reviewers)
        assert index is not None
        if index in approved_by:
            raise fail(a.at("reviewer"), "this reviewer already approved this version.")
        approved_by.add(index)
        if a.text("content_hash", max_length=64) != content_hash:
            raise fail(
                a.at("content_hash"),
                f"the approval does not match the content of v{number}: the file was changed "
                "after it was exported.",
            )
        name = a.text("reviewer_name", max_length=200)
        email = a.text("reviewer_email", max_length=254)
        approved_at = a.when("approved_at")
        if demoted_from:
            imported.append(
                ImportedApproval(
                    reviewer_name=name,
                    reviewer_email=email,
                    content_hash=content_hash,
                    approved_at=approved_at,
                    source=demoted_from,
                )
            )
            continue
        approval = Approval(
            reviewer_name=name,
            reviewer_email=email,
            content_hash=content_hash,
            approved_at=approved_at,
        )
        approvals.append((approval, index))
    if "imported_approvals" in r.data:
        # Records an earlier import could not verify stay records, whoever signed this file.
        for i in r.readers("imported_approvals", max_items=MAX_REVIEWERS):
            if i.text("content_hash", max_length=64) != content_hash:
                raise fail(
                    i.at("content_hash"),
                    f"the approval does not match the content of v{number}: the file was "
                    "changed after it was exported.",
                )
            imported.append(
                ImportedApproval(
                    reviewer_name=i.text("reviewer_name", max_length=200),
                    reviewer_email=i.text("reviewer_email", max_length=254),
                    content_hash=content_hash,
                    approved_at=i.when("approved_at"),
                    source=i.text("source", max_length=200, blank=False),
                )
            )
    return version, comments, feedback, approvals, imported


def _write_reviews(
    version: ProposalVersion,
    comments: list[tuple[Comment, int | None, list[tuple[Comment, int | None]]]],
    feedback: list[tuple[Feedback, int]],
    approvals: list[tuple[Approval, int]],
    reviewers: list[Reviewer],
) -> None:
    def attach(comment: Comment, reviewer: int | None) -> Comment:
        comment.version = version
        comment.reviewer = reviewers[reviewer] if reviewer is not None else None
        return comment

    threads = Comment.objects.bulk_create([attach(c, i) for c, i, _ in comments])
    replies = []
    for thread, (_, _, thread_replies) in zip(threads, comments, strict=True):
        for reply, index in thread_replies:
            attach(reply, index).parent = thread
            replies.append(reply)
    Comment.objects.bulk_create(replies)
    for row, index in feedback:
        row.version, row.reviewer = version, reviewers[index]
    Feedback.objects.bulk_create([row for row, _ in feedback])
    for approval, index in approvals:
        approval.version, approval.reviewer = version, reviewers[index]
    Approval.objects.bulk_create([approval for approval, _ in approvals])
