"""Writes for requirements: sync what the engine derives, and the consultant's edits.

The engine is pure; this module persists its output and merges it with what consultants
changed. Re-derivation never loses an edit: an edited field keeps the consultant's text,
a dismissed requirement stays dismissed, the order stays the order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from discovery.bank import BANK
from discovery.models import Project
from discovery.selectors import answers_for_project

from . import engine
from .attributes import clean as clean_attributes
from .catalogue import RuleCatalogue, rule_catalogue
from .models import Requirement, RequirementSync

EDITABLE = ("title", "description", "priority", "acceptance_criteria")
MAX_CRITERIA = 20
MAX_CRITERION = 500


class RequirementConflict(Exception):
    """Someone saved the requirement since this form was loaded."""

    def __init__(self, current: Requirement) -> None:
        super().__init__(f"{current.code} was changed by someone else")
        self.current = current


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.review or self.obsolete or self.removed)


def answers_hash(answers: Mapping[str, Any]) -> str:
    encoded = json.dumps(answers, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _ref(ref: engine.AnswerRef) -> dict[str, Any]:
    value = list(ref.value) if isinstance(ref.value, tuple) else ref.value
    return {"question_id": ref.question_id, "value": value, "display": ref.display}


def _trace(derived: engine.DerivedRequirement) -> dict[str, Any]:
    return {
        "firings": [
            {
                "rule_id": firing.rule_id,
                "rationale": firing.rationale,
                "source": firing.source,
                "priority": firing.priority,
                "inputs": [_ref(ref) for ref in firing.inputs],
            }
            for firing in derived.trace
        ],
        "inputs": [_ref(ref) for ref in derived.inputs],
    }


def _snapshot(derived: engine.DerivedRequirement) -> dict[str, Any]:
    return {name: _derived_value(derived, name) for name in EDITABLE}


def _derived_value(derived: engine.DerivedRequirement, name: str) -> Any:
    value = getattr(derived, name)
    return list(value) if name == "acceptance_criteria" else value


def _edited(requirement: Requirement) -> list[str]:
    """The fields the consultant changed from what was last derived. A snapshot from
    before acceptance criteria were editable has none: what the row holds was derived."""
    return [
        name
        for name in EDITABLE
        if name in requirement.derived and getattr(requirement, name) != requirement.derived[name]
    ]


def _text_change(name: str, before: Any, after: Any, kept_edit: bool) -> dict[str, Any]:
    """One derived field that moved on, as the card says it (criteria as one line)."""

    def shown(value: Any) -> Any:
        return "; ".join(map(str, value)) if isinstance(value, list | tuple) else value

    return {
        "field": name,
        "derived_before": shown(before),
        "derived_after": shown(after),
        "kept_edit": kept_edit,
    }


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def clean_criteria(criteria: Any) -> list[str]:
    """Acceptance criteria as typed (one a line) or as a list: each trimmed to single
    spaces, blank ones and repeats left out."""
    lines = criteria.splitlines() if isinstance(criteria, str) else list(criteria or [])
    cleaned: list[str] = []
    for line in lines:
        text = " ".join(str(line).split())
        if text and text not in cleaned:
            cleaned.append(text)
    return cleaned


def _input_changes(
    old_trace: Mapping[str, Any], new: engine.DerivedRequirement
) -> list[dict[str, Any]]:
    """The answers this requirement reads whose value changed, with before and after."""
    before = {ref["question_id"]: ref.get("display", "") for ref in old_trace.get("inputs", [])}
    after = {ref.question_id: ref.display for ref in new.inputs}
    changes = []
    for qid in sorted(set(before) | set(after), key=lambda q: BANK.order.get(q, 10**6)):
        if before.get(qid, "") != after.get(qid, ""):
            question = BANK.questions.get(qid)
            changes.append(
                {
                    "question_id": qid,
                    "label": question.label if question else qid,
                    "before": before.get(qid, ""),
                    "after": after.get(qid, ""),
                }
            )
    return changes


def requirements_sync(
    *,
    project: Project,
    answers: Mapping[str, Any] | None = None,
    catalogue: RuleCatalogue | None = None,
) -> SyncReport:
    """Bring the project's requirement list in line with what its answers now derive.

    New codes are added (marked new, except on the very first derivation); a requirement
    whose inputs or derived text changed takes the new derived text in every field the
    consultant has not edited and is marked for review with what changed; one whose rules
    no longer fire is removed if nobody touched it and otherwise kept, marked obsolete.
    """
    catalogue = catalogue or rule_catalogue()
    answers = answers_for_project(project) if answers is None else answers
    derived = engine.derive(answers, catalogue)
    report = SyncReport()
    now = timezone.now()
    with transaction.atomic():
        sync = RequirementSync.objects.select_for_update().filter(project=project).first()
        first = sync is None
        existing = {
            r.code: r for r in Requirement.objects.select_for_update().filter(project=project)
        }
        position = max((r.position for r in existing.values()), default=0)
        seen = set()
        for item in derived:
            seen.add(item.code)
            requirement = existing.get(item.code)
            if requirement is None:
                position += 1
                Requirement.objects.create(
                    project=project,
                    code=item.code,
                    origin=Requirement.Origin.DERIVED,
                    kind=item.kind,
                    category=item.category,
                    priority=item.priority,
                    title=item.title,
                    description=item.description,
                    rationale=item.rationale,
                    acceptance_criteria=list(item.acceptance_criteria),
                    attributes=dict(item.attributes),
                    derived=_snapshot(item),
                    trace=_trace(item),
                    fingerprint=item.fingerprint,
                    mark="" if first else Requirement.Mark.NEW,
                    position=position,
                )
                report.added.append(item.code)
                continue
            # Kept as manual when its obsolete mark was cleared: the engine yields it again.
            # Consultants' own requirements have MAN codes, which no rule yields.
            was_kept = requirement.origin == Requirement.Origin.MANUAL
            returned = requirement.mark == Requirement.Mark.OBSOLETE or was_kept
            if requirement.fingerprint == item.fingerprint and not returned:
                if requirement.attributes != dict(item.attributes):
                    # The rule now says what it constrains: nothing for the consultant to review.
                    requirement.attributes = dict(item.attributes)
                    requirement.save(update_fields=["attributes"])
                continue
            if was_kept:
                # Edits made while it was manual were not tracked against the snapshot.
                requirement.origin = Requirement.Origin.DERIVED
                requirement.edited_fields = _edited(requirement)
            changes = _input_changes(requirement.trace, item)
            text_changes = []
            for name in EDITABLE:
                new_value = _derived_value(item, name)
                if name not in requirement.derived:
                    # Derived before this field was tracked: what it holds was derived.
                    requirement.derived[name] = _plain(getattr(requirement, name))
                if requirement.derived.get(name) == new_value:
                    continue
                if name in requirement.edited_fields:
                    # Keep the consultant's text; tell them the derived one moved on.
                    text_changes.append(
                        _text_change(name, requirement.derived.get(name, ""), new_value, True)
                    )
                else:
                    text_changes.append(
                        _text_change(name, requirement.derived.get(name, ""), new_value, False)
                    )
                    setattr(requirement, name, new_value)
            requirement.kind = item.kind
            requirement.category = item.category
            requirement.rationale = item.rationale
            requirement.attributes = dict(item.attributes)
            requirement.derived = _snapshot(item)
            requirement.trace = _trace(item)
            requirement.fingerprint = item.fingerprint
            pending = requirement.mark == Requirement.Mark.REVIEW
            if pending:
                # Not reviewed yet: show what changed since the consultant last cleared it.
                detail = requirement.mark_detail
                changes = _since(
                    detail.get("inputs", []), changes, "question_id", "before", "after"
                )
                text_changes = _since(
                    detail.get("text", []), text_changes, "field", "derived_before", "derived_after"
                )
                returned = returned or bool(detail.get("returned"))
            if pending and not (changes or text_changes or returned):
                # Changed back to what the consultant last saw: nothing left to review.
                requirement.mark = ""
                requirement.mark_detail = {}
            elif requirement.mark != Requirement.Mark.NEW:
                requirement.mark = Requirement.Mark.REVIEW
                requirement.mark_detail = {
                    "inputs": changes,
                    "text": text_changes,
                    "returned": returned,
                    "at": now.isoformat(),
                }
                report.review.append(item.code)
            requirement.version = F("version") + 1
            requirement.save()
        for code, requirement in existing.items():
            if requirement.origin != Requirement.Origin.DERIVED or code in seen:
                continue
            if not requirement.carries_edits and requirement.mark != Requirement.Mark.OBSOLETE:
                requirement.delete()
                report.removed.append(code)
            elif requirement.mark != Requirement.Mark.OBSOLETE:
                requirement.mark = Requirement.Mark.OBSOLETE
                requirement.mark_detail = {
                    "inputs": _input_changes(requirement.trace, _EMPTY),
                    "at": now.isoformat(),
                }
                requirement.version = F("version") + 1
                requirement.save()
                report.obsolete.append(code)
        RequirementSync.objects.update_or_create(
            project=project,
            defaults={
                "synced_at": now,
                "catalogue_version": catalogue.version,
                "answers_hash": answers_hash(answers),
            },
        )
    return report


def _since(
    earlier: list[dict[str, Any]], later: list[dict[str, Any]], key: str, before: str, after: str
) -> list[dict[str, Any]]:
    """Two rounds of changes as one: the first `before`, the latest `after`; a value that
    changed back is no change."""
    merged = {change[key]: dict(change) for change in earlier}
    for change in later:
        if change[key] in merged:
            merged[change[key]].update({k: v for k, v in change.items() if k != before})
        else:
            merged[change[key]] = dict(change)
    return [change for change in merged.values() if change[before] != change[after]]


class _Nothing:
    inputs: tuple[engine.AnswerRef, ...] = ()


_EMPTY: Any = _Nothing()


def requirements_sync_if_stale(*, project: Project) -> SyncReport | None:
    """Sync when the answers or the catalogue changed since the last sync."""
    answers = answers_for_project(project)
    sync = RequirementSync.objects.filter(project=project).first()
    catalogue = rule_catalogue()
    if (
        sync is not None
        and sync.answers_hash == answers_hash(answers)
        and sync.catalogue_version == catalogue.version
    ):
        return None
    return requirements_sync(project=project, answers=answers, catalogue=catalogue)


def _save_checked(requirement: Requirement, version: int, fields: list[str]) -> Requirement:
    """Save `fields` only if nobody saved the requirement since `version` was read."""
    values = {name: getattr(requirement, name) for name in fields}
    updated = Requirement.objects.filter(pk=requirement.pk, version=version).update(
        **values, version=version + 1, updated_at=timezone.now()
    )
    if not updated:
        current = Requirement.objects.get(pk=requirement.pk)
        raise RequirementConflict(current)
    requirement.refresh_from_db()
    return requirement


def requirement_update(
    *,
    requirement: Requirement,
    version: int,
    title: str,
    description: str,
    priority: str,
    user: User | None,
    attributes: Mapping[str, Any] | None = None,
    acceptance_criteria: Any = None,
) -> Requirement:
    """The consultant's edit (acceptance criteria left as they are when None). Raises
    RequirementConflict when the form was stale. A derived requirement's attributes come
    from its rule; a manual one's may be edited, and criteria given for it may not be
    empty."""
    if requirement.derived and "acceptance_criteria" not in requirement.derived:
        # Derived before criteria were tracked: what it holds now is what was derived.
        requirement.derived = {
            **requirement.derived,
            "acceptance_criteria": list(requirement.acceptance_criteria),
        }
    requirement.title = title.strip()
    requirement.description = description.strip()
    requirement.priority = priority
    if acceptance_criteria is not None:
        requirement.acceptance_criteria = clean_criteria(acceptance_criteria)
    _check_criteria(requirement, given=acceptance_criteria is not None)
    fields = [*EDITABLE, "derived", "edited_fields", "updated_by"]
    if attributes is not None and requirement.origin == Requirement.Origin.MANUAL:
        try:
            requirement.attributes = clean_attributes(attributes)
        except ValueError as exc:
            raise ValidationError({"attributes": str(exc)}) from exc
        fields.append("attributes")
    requirement.full_clean(exclude=["project", "updated_by", "code"], validate_unique=False)
    if requirement.origin == Requirement.Origin.DERIVED:
        requirement.edited_fields = _edited(requirement)
    requirement.updated_by = user
    return _save_checked(requirement, version, fields)


def _check_criteria(requirement: Requirement, *, given: bool) -> None:
    """A manual requirement's criteria, when the edit sets them, may not be none: no rule
    says how it is checked. An edit that leaves them alone (None) is not refused for it."""
    criteria = requirement.acceptance_criteria
    if given and requirement.origin == Requirement.Origin.MANUAL and not criteria:
        raise ValidationError(
            {
                "acceptance_criteria": "Write at least one acceptance criterion, one a line: "
                "how will the client know this requirement is met?"
            }
        )
    if len(criteria) > MAX_CRITERIA:
        raise ValidationError(
            {"acceptance_criteria": f"Keep it to {MAX_CRITERIA} criteria at most."}
        )
    if any(len(c) > MAX_CRITERION for c in criteria):
        raise ValidationError(
            {"acceptance_criteria": f"Keep each criterion under {MAX_CRITERION} characters."}
        )


def requirement_create_manual(
    *,
    project: Project,
    kind: str,
    category: str,
    title: str,
    description: str,
    priority: str,
    user: User | None,
    rationale: str = "",
    attributes: Mapping[str, Any] | None = None,
    acceptance_criteria: Any = (),
) -> Requirement:
    """A requirement the consultant writes (or makes from a client's challenge), with what
    it constrains; attributes outside the vocabulary are refused with the reason. The
    form asks for acceptance criteria; one made from a client's challenge starts without
    and is shown as missing them until they are written."""
    try:
        cleaned = clean_attributes(attributes or {})
    except ValueError as exc:
        raise ValidationError({"attributes": str(exc)}) from exc
    with transaction.atomic():
        prefix = "FR" if kind == Requirement.Kind.FUNCTIONAL else "NFR"
        taken = set(
            Requirement.objects.filter(
                project=project, code__startswith=f"{prefix}-MAN-"
            ).values_list("code", flat=True)
        )
        number = 1
        while f"{prefix}-MAN-{number:03d}" in taken:
            number += 1
        position = (
            Requirement.objects.filter(project=project).aggregate(top=Max("position"))["top"] or 0
        ) + 1
        requirement = Requirement(
            project=project,
            code=f"{prefix}-MAN-{number:03d}",
            origin=Requirement.Origin.MANUAL,
            kind=kind,
            category=category,
            priority=priority,
            title=title.strip(),
            description=description.strip(),
            rationale=rationale.strip(),
            acceptance_criteria=clean_criteria(acceptance_criteria),
            attributes=cleaned,
            position=position,
            updated_by=user,
        )
        requirement.full_clean()
        requirement.save()
    return requirement


def requirement_dismiss(
    *, requirement: Requirement, version: int, reason: str, user: User | None
) -> Requirement:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why this requirement does not apply."})
    requirement.dismissed = True
    requirement.dismiss_reason = reason[:500]
    requirement.updated_by = user
    return _save_checked(requirement, version, ["dismissed", "dismiss_reason", "updated_by"])


def requirement_restore(
    *, requirement: Requirement, version: int, user: User | None
) -> Requirement:
    requirement.dismissed = False
    requirement.dismiss_reason = ""
    requirement.updated_by = user
    return _save_checked(requirement, version, ["dismissed", "dismiss_reason", "updated_by"])


def requirement_clear_mark(
    *, requirement: Requirement, version: int, user: User | None
) -> Requirement | None:
    """The consultant has seen the mark. Clearing an obsolete mark removes the requirement
    (its rule no longer fires), unless it was edited, in which case it becomes manual."""
    if requirement.mark == Requirement.Mark.OBSOLETE:
        if requirement.carries_edits:
            requirement.origin = Requirement.Origin.MANUAL
        else:
            with transaction.atomic():
                deleted, _ = Requirement.objects.filter(pk=requirement.pk, version=version).delete()
                if not deleted:
                    raise RequirementConflict(Requirement.objects.get(pk=requirement.pk))
            return None
    requirement.mark = ""
    requirement.mark_detail = {}
    requirement.updated_by = user
    return _save_checked(requirement, version, ["mark", "mark_detail", "origin", "updated_by"])


def requirement_move(*, requirement: Requirement, direction: str) -> None:
    """Swap with the neighbour above or below within the same kind and category."""
    siblings = Requirement.objects.filter(
        project=requirement.project_id, kind=requirement.kind, category=requirement.category
    )
    if direction == "up":
        neighbour = siblings.filter(position__lt=requirement.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=requirement.position).order_by("position").first()
    if neighbour is None:
        return
    with transaction.atomic():
        mine, theirs = requirement.position, neighbour.position
        Requirement.objects.filter(pk=requirement.pk).update(position=theirs)
        Requirement.objects.filter(pk=neighbour.pk).update(position=mine)


def requirements_confirm(*, project: Project, user: User | None) -> None:
    """The consultant confirms the requirement list: the project moves to that stage."""
    now = timezone.now()
    with transaction.atomic():
        RequirementSync.objects.filter(project=project).update(confirmed_at=now, confirmed_by=user)
        if project.stage == Project.Stage.DISCOVERY:
            project.stage = Project.Stage.REQUIREMENTS
            project.save(update_fields=["stage", "updated_at"])


BULK_ACTIONS = ("confirm", "dismiss", "restore")


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)  # codes the action applied to
    skipped: list[str] = field(default_factory=list)  # codes it did not apply to
    removed: list[str] = field(default_factory=list)  # obsolete and untouched: deleted
    done_ids: list[int] = field(default_factory=list)


def requirements_bulk(
    *, project: Project, ids: list[int], action: str, reason: str, user: User | None
) -> BulkResult:
    """Confirm (accept what changed: clear the New, Review and Obsolete marks), dismiss
    (with one reason for all) or restore several requirements at once, in one transaction.
    Requirements the action does not apply to (no mark to confirm, already dismissed) are
    left as they are and reported as skipped."""
    if action not in BULK_ACTIONS:
        raise ValueError(f"unknown bulk action: {action}")
    reason = reason.strip()
    if action == "dismiss" and not reason:
        raise ValidationError({"reason": "Say why the selected requirements do not apply."})
    result = BulkResult()
    with transaction.atomic():
        selected = Requirement.objects.select_for_update().filter(project=project, pk__in=ids)
        for requirement in selected.order_by("position", "pk"):
            code = requirement.code
            if action == "confirm":
                if not requirement.mark:
                    result.skipped.append(code)
                    continue
                kept = requirement_clear_mark(
                    requirement=requirement, version=requirement.version, user=user
                )
                (result.done if kept is not None else result.removed).append(code)
            elif action == "dismiss":
                if requirement.dismissed:
                    result.skipped.append(code)
                    continue
                requirement_dismiss(
                    requirement=requirement, version=requirement.version, reason=reason, user=user
                )
                result.done.append(code)
            else:
                if not requirement.dismissed:
                    result.skipped.append(code)
                    continue
                requirement_restore(requirement=requirement, version=requirement.version, user=user)
                result.done.append(code)
            if code in result.done:
                result.done_ids.append(requirement.pk)
    return result
