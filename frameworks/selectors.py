from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.text import slugify

from discovery.bank import BANK
from discovery.models import Project
from discovery.selectors import question_links

from .models import SectionNote


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
