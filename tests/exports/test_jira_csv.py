"""The requirements CSV for Jira's importer."""

from __future__ import annotations

import csv
import io

import pytest

from exports.jira import HEADER, cell, requirements_jira_csv
from requirements_app.models import Requirement
from requirements_app.services import requirement_create_manual, requirement_dismiss

from .conftest import HOSTILE


def _rows(project) -> list[list[str]]:
    text = requirements_jira_csv(project)
    assert not text.startswith("\ufeff")  # UTF-8 without a byte-order mark
    return list(csv.reader(io.StringIO(text)))


def _manual(project, **kwargs):
    defaults = {
        "kind": "functional",
        "category": "ticket_management",
        "title": "A title",
        "description": "A description.",
        "priority": "should",
        "user": None,
    }
    return requirement_create_manual(project=project, **{**defaults, **kwargs})


def test_header_is_what_jira_maps_by_name(project):
    rows = _rows(project)
    assert rows == [
        ["Summary", "Description", "Priority", "Issue Type", "Labels", "Labels", "Labels"]
    ]
    assert rows[0] == HEADER


@pytest.mark.parametrize(
    ("priority", "jira"),
    [("must", "Highest"), ("should", "High"), ("could", "Medium"), ("wont", "Low")],
)
def test_priority_mapping(project, priority, jira):
    _manual(project, priority=priority)
    assert _rows(project)[1][2] == jira


def test_issue_types_and_labels(project):
    _manual(project, kind="functional", title="Story one")
    _manual(project, kind="non_functional", category="security", title="Task one")
    story, task = _rows(project)[1:]
    assert story[3] == "Story"
    assert task[3] == "Task"
    assert story[4:] == ["functional", "ticket_management", "FR-MAN-001"]
    assert task[4:] == ["non_functional", "security", "NFR-MAN-001"]
    assert all(" " not in label for label in story[4:] + task[4:])


def test_dismissed_requirements_are_left_out(project):
    _manual(project, title="Kept")
    gone = _manual(project, title="Dismissed")
    requirement_dismiss(requirement=gone, version=gone.version, reason="No.", user=None)
    assert [row[0] for row in _rows(project)[1:]] == ["Kept"]


def test_the_derived_list_exports_in_list_order(rich_project):
    rows = _rows(rich_project)[1:]
    kept = Requirement.objects.filter(project=rich_project, dismissed=False).order_by("position")
    assert [row[6] for row in rows] == [r.code for r in kept]
    assert all(row[1] for row in rows)  # every description says something


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_get_an_apostrophe(start):
    assert cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"
    assert cell(f"a{start}b") == f"a{start}b"


def test_hostile_text_is_escaped_and_round_trips_as_text(project):
    _manual(project, title=HOSTILE, description="@cmd|' /C calc'!A0\nsecond, \"line\"")
    row = _rows(project)[1]
    assert row[0] == "'" + " ".join(HOSTILE.split())
    assert row[1].startswith("'@cmd|' /C calc'!A0\nsecond, \"line\"")
    assert len(row) == len(HEADER)


def test_a_summary_longer_than_jira_allows_is_cut_and_kept_in_full_in_the_description(project):
    _manual(project, title="Word " * 60)
    summary, description = _rows(project)[1][:2]
    assert len(summary) == 255
    assert summary.endswith("…")
    assert description.startswith(("Word " * 60).strip())
