"""Bad files are refused with a message that says what is wrong, and nothing is created."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from discovery.models import Answer, AnswerRevision, Project
from exports.document import project_export
from exports.importer import project_import
from exports.models import ProjectImport
from exports.reading import MAX_BYTES, parse_export
from exports.signing import sign
from frameworks.models import FrameworkGeneration, SectionNote
from requirements_app.models import Requirement, RequirementSync
from reviews.models import Approval, Comment, Feedback, ProposalVersion, Reviewer

MODELS = (
    Project,
    Answer,
    AnswerRevision,
    Requirement,
    RequirementSync,
    FrameworkGeneration,
    SectionNote,
    Reviewer,
    ProposalVersion,
    Comment,
    Feedback,
    Approval,
    ProjectImport,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def exported(rich_project) -> dict[str, Any]:
    return project_export(rich_project)


def _refused(data: Any, organization, user) -> str:
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        project_import(data, organization=organization, user=user)
    assert _counts() == before
    return " ".join(caught.value.messages)


def _first_requirement(data):
    return data["requirements"][0]


CASES = {
    "wrong format": (
        lambda d: d.update(format="someone-else/project"),
        "not a Support Blueprint project export",
    ),
    "not an object": (None, "not a Support Blueprint project export"),
    "future version": (
        lambda d: d.update(version=3),
        "format version 3; this app reads versions 1, 2 (it writes version 2)",
    ),
    "unknown question": (
        lambda d: d["answers"][0].update(question_id="objective.nonsense"),
        "answers[0].question_id: 'objective.nonsense' is not a question",
    ),
    "unknown question in history": (
        lambda d: d["answer_revisions"][0].update(question_id="x.y"),
        "answer_revisions[0].question_id",
    ),
    "answer of the wrong type": (
        lambda d: next(a for a in d["answers"] if a["question_id"] == "context.team_size").update(
            value="three"
        ),
        "expected a whole number",
    ),
    "choice not in the bank": (
        lambda d: next(a for a in d["answers"] if a["question_id"] == "objective.timeline").update(
            value="yesterday"
        ),
        "Pick one of the options listed",
    ),
    "bad priority": (
        lambda d: _first_requirement(d).update(priority="urgent"),
        "requirements[0].priority: 'urgent' is not one of",
    ),
    "title too long": (
        lambda d: _first_requirement(d).update(title="x" * 301),
        "requirements[0].title: longer than 300 characters",
    ),
    "duplicate code": (
        lambda d: d["requirements"][1].update(code=d["requirements"][0]["code"]),
        "appears twice",
    ),
    "not a date": (
        lambda d: d["project"].update(created_at="last Tuesday"),
        "project.created_at: 'last Tuesday' is not a date and time",
    ),
    "naive date": (
        lambda d: d["project"].update(created_at="2026-01-01T10:00:00"),
        "has no time zone",
    ),
    "missing field": (lambda d: d["project"].pop("client_name"), "project.client_name: missing"),
    "reviewer out of range": (
        lambda d: d["proposal_versions"][0]["feedback"][0].update(reviewer=99),
        "does not refer to an entry of the file's reviewers",
    ),
    "tampered version": (
        lambda d: d["proposal_versions"][0]["snapshot"]["project"].update(client_name="Someone"),
        "proposal_versions[0]: the content of v1 does not match its content hash",
    ),
    "tampered hash": (
        lambda d: d["proposal_versions"][1].update(content_hash="0" * 64),
        "the content of v2 does not match its content hash",
    ),
    "tampered approval": (
        lambda d: d["proposal_versions"][0]["approvals"][0].update(content_hash="f" * 64),
        "the approval does not match the content of v1",
    ),
    "too many revisions": (
        # One over the limit, whatever the project held (its whole list times 100,001 made
        # millions of entries to sign and parse: two minutes of CI for one check).
        lambda d: d.update(answer_revisions=d["answer_revisions"][:1] * 100_001),
        "answer_revisions: more than 100,000 entries",
    ),
    "bad section": (
        lambda d: d["section_notes"][0].update(section="appendix"),
        "section_notes[0].section: 'appendix' is not one of",
    ),
    "boolean as number": (
        lambda d: _first_requirement(d).update(position=True),
        "requirements[0].position: expected a whole number",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_data_is_refused_with_a_clear_message(case, exported, other_organization, importer):
    change, message = CASES[case]
    data: Any = copy.deepcopy(exported)
    if change is None:
        data = [data]
    else:
        change(data)
        # Signed again, as this installation would sign a file with this content: each case
        # tests its own check, not the signature's (tests/exports/test_signing.py).
        data = sign(data)
    assert message in _refused(data, other_organization, importer)


def test_a_file_over_the_size_cap_is_refused():
    with pytest.raises(ValidationError, match="larger than 5 MB"):
        parse_export(b" " * (MAX_BYTES + 1))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"<html>not json</html>", "not valid JSON"),
        (b'{"format": "support-blueprint/project",', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not text in UTF-8"),
        (b'{"x": NaN}', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_files_that_are_not_json_are_refused(raw, message):
    with pytest.raises(ValidationError, match=message):
        parse_export(raw)


def test_a_utf8_bom_is_accepted(exported):
    raw = "\ufeff".encode() + json.dumps(exported).encode()
    assert parse_export(raw)["format"] == exported["format"]
