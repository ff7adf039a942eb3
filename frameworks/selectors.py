from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.text import slugify

from discovery.bank import BANK
from discovery.models import AnswerRevision, Project
from discovery.selectors import answers_for_project, question_links
from requirements_app.models import Requirement
from requirements_app.services import answers_hash

from .models import FrameworkGeneration, SectionNote
from .services import requirement_inputs, requirements_fingerprint

STALE_LISTED = 8  # answers or requirements named in the banner; the rest are counted


def answer_displays(answers: dict[str, Any]) -> dict[str, str]:
    """Each answer as a person reads it, for traces."""
    return {
        qid: BANK.questions[qid].display(value)
        for qid, value in BANK.effective_answers(answers).items()
        if qid in BANK.questions
    }


def question_refs(project: Project) -> dict[str, dict[str, str]]:
    return question_links(project)


def notes_by_section(project: Project) -> dict[str, SectionNote]:
    return {note.section: note for note in SectionNote.objects.filter(project=project)}


def finding_anchor(finding: Mapping[str, Any]) -> str:
    """Where on the framework page a finding's element is: its element, or for a
    section's introduction or diagram, the section."""
    element_id = str(finding.get("element_id") or "")
    if element_id.endswith((".intro", ".diagram")) or not element_id:
        return f"sec-{finding.get('section')}"
    return f"el-{slugify(element_id)}"


def check_panel(result: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The proposal check's findings for the consultant's panel: blocking first, each with
    the anchor of its element. None when there is nothing checked yet."""
    if not result:
        return None
    findings = [{**f, "anchor": finding_anchor(f)} for f in result.get("findings", [])]
    blocking = [f for f in findings if f.get("severity") == "blocking"]
    advisory = [f for f in findings if f.get("severity") != "blocking"]
    return {
        "version": result.get("version", ""),
        "blocking": blocking,
        "advisory": advisory,
        "count": len(findings),
    }


def framework_staleness(
    project: Project, generation: FrameworkGeneration | None
) -> dict[str, Any] | None:
    """What moved since the framework was generated, for the banner above it: None when
    the answers and the requirements it read are exactly what they are now (a change made
    and then undone is no change). Otherwise the answers and requirements changed since,
    newest first, each with where to see it, and how many there are."""
    if generation is None:
        return None
    answers_moved = answers_hash(answers_for_project(project)) != generation.answers_hash
    requirements_moved = (
        requirements_fingerprint(requirement_inputs(project)) != generation.requirements_hash
    )
    if not answers_moved and not requirements_moved:
        return None
    since = generation.generated_at
    answers: list[dict[str, str]] = []
    answer_count = 0
    if answers_moved:
        links = question_links(project)
        seen: list[str] = []
        for qid in (
            AnswerRevision.objects.filter(project=project, changed_at__gt=since)
            .order_by("-changed_at", "-id")
            .values_list("question_id", flat=True)
        ):
            if qid not in seen:
                seen.append(qid)
        answer_count = len(seen)
        answers = [
            {"label": links[qid]["label"], "url": links[qid]["url"]}
            for qid in seen[:STALE_LISTED]
            if qid in links
        ]
    requirements: list[dict[str, Any]] = []
    requirement_count = 0
    if requirements_moved:
        changed = Requirement.objects.filter(project=project, updated_at__gt=since).order_by(
            "-updated_at"
        )
        requirement_count = changed.count()
        requirements = [
            {"code": r.code, "title": r.title, "dismissed": r.dismissed, "pk": r.pk}
            for r in changed[:STALE_LISTED]
        ]
    return {
        "number": generation.number,
        "generated_at": since,
        "answers_moved": answers_moved,
        "requirements_moved": requirements_moved,
        "answers": answers,
        "answer_count": answer_count,
        "answers_more": max(0, answer_count - len(answers)),
        "requirements": requirements,
        "requirement_count": requirement_count,
        "requirements_more": max(0, requirement_count - len(requirements)),
    }
