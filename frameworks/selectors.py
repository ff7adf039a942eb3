from __future__ import annotations

from typing import Any

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
