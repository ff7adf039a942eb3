"""Syncing what the engine derives into a project's requirement list: first derivation,
idempotence, and the marks (new, review, obsolete) that appear when answers change.

The answers are Northwind's brief (discovery/scenarios.py); each change below is chosen to
move specific rules of requirements_app/rules/:
- scale.volume_now is quoted by NFR-SCL-001 and NFR-PRF-001 (scale.yaml);
- scale.needs including load_balancing fires scale.load_balancing → NFR-AVL-005;
- integrations.communication = Slack drives FR-INT-007, FR-PRI-006 and FR-TKT-011;
- context.channels is read by FR-TKT-001, FR-CHN-002 and FR-KB-001; chat fires FR-CHN-005.
"""

from __future__ import annotations

import pytest

from discovery.scenarios import NORTHWIND
from discovery.selectors import answers_for_project
from discovery.services import answers_load
from requirements_app.engine import derive
from requirements_app.models import Requirement, RequirementSync
from requirements_app.services import (
    requirement_dismiss,
    requirements_sync,
    requirements_sync_if_stale,
)
from tests.requirements_app.helpers import answer, edit, requirements, versions

pytestmark = pytest.mark.django_db


@pytest.fixture
def northwind(project, consultant):
    answers_load(project=project, answers=NORTHWIND, user=consultant)
    requirements_sync(project=project)
    return project


# --- first sync and idempotence -------------------------------------------------------------


def test_the_first_sync_creates_every_derived_requirement_unmarked_in_engine_order(
    project, consultant
):
    answers_load(project=project, answers=NORTHWIND, user=consultant)

    report = requirements_sync(project=project)

    expected = derive(NORTHWIND)
    stored = list(Requirement.objects.filter(project=project).order_by("position"))
    assert [r.code for r in stored] == [d.code for d in expected]
    assert report.added == [d.code for d in expected]
    assert report.review == report.obsolete == report.removed == []
    assert [r.position for r in stored] == list(range(1, len(expected) + 1))
    assert {r.mark for r in stored} == {""}
    assert {r.origin for r in stored} == {Requirement.Origin.DERIVED}
    assert all(r.version == 1 and r.edited_fields == [] and not r.dismissed for r in stored)
    assert RequirementSync.objects.get(project=project).confirmed_at is None


def test_a_stored_requirement_carries_the_derived_text_snapshot_and_trace(northwind):
    scl = requirements(northwind)["NFR-SCL-001"]

    assert scl.description.startswith("Handle 1,350 tickets a month with peaks of 1.3×")
    assert scl.derived == {
        "title": scl.title,
        "description": scl.description,
        "priority": scl.priority,
        "acceptance_criteria": scl.acceptance_criteria,
    }
    # Two rules yield it (growth is a stated challenge, and a volume is known): both traced.
    assert [f["rule_id"] for f in scl.trace["firings"]] == ["objective.growth", "scale.volume"]
    inputs = {ref["question_id"]: ref for ref in scl.trace["inputs"]}
    assert inputs["scale.volume_now"] == {
        "question_id": "scale.volume_now",
        "value": 1350,
        "display": "1,350 / month",
    }
    # Multi-choice values are stored as JSON lists, not tuples.
    assert inputs["objective.challenge"]["value"] == [
        "reduce_response_times",
        "self_service",
        "scale_growth",
    ]


def test_a_second_sync_with_unchanged_answers_changes_nothing(northwind):
    before = versions(northwind)
    rows_before = list(
        Requirement.objects.filter(project=northwind).values(
            "code", "title", "description", "priority", "mark", "position", "fingerprint"
        )
    )

    report = requirements_sync(project=northwind)

    assert not report.changed
    assert report.added == report.review == report.obsolete == report.removed == []
    assert versions(northwind) == before
    assert (
        list(
            Requirement.objects.filter(project=northwind).values(
                "code", "title", "description", "priority", "mark", "position", "fingerprint"
            )
        )
        == rows_before
    )


def test_sync_if_stale_syncs_a_project_never_synced(project, consultant):
    answers_load(project=project, answers=NORTHWIND, user=consultant)

    report = requirements_sync_if_stale(project=project)

    assert report is not None
    assert "NFR-SCL-001" in report.added
    assert RequirementSync.objects.filter(project=project).exists()


def test_sync_if_stale_returns_none_when_nothing_changed(northwind):
    before = versions(northwind)
    synced_at = RequirementSync.objects.get(project=northwind).synced_at

    assert requirements_sync_if_stale(project=northwind) is None
    assert versions(northwind) == before
    assert RequirementSync.objects.get(project=northwind).synced_at == synced_at


def test_sync_if_stale_syncs_after_an_answer_changes(northwind, consultant):
    answer(northwind, consultant, scale__volume_now=2000)

    report = requirements_sync_if_stale(project=northwind)

    assert report is not None
    assert sorted(report.review) == ["NFR-PRF-001", "NFR-SCL-001"]
    assert requirements_sync_if_stale(project=northwind) is None


def test_the_sync_records_the_answers_hash_and_catalogue_version(northwind):
    from requirements_app.catalogue import rule_catalogue
    from requirements_app.services import answers_hash

    sync = RequirementSync.objects.get(project=northwind)

    assert sync.answers_hash == answers_hash(answers_for_project(northwind))
    assert sync.catalogue_version == rule_catalogue().version


# --- new --------------------------------------------------------------------------------------


def test_a_rule_that_starts_firing_adds_its_requirement_marked_new_at_the_end(
    northwind, consultant
):
    last = Requirement.objects.filter(project=northwind).order_by("-position").first()
    before = versions(northwind)

    answer(northwind, consultant, scale__needs=["load_balancing"])
    report = requirements_sync(project=northwind)

    assert report.added == ["NFR-AVL-005"]
    assert report.review == report.obsolete == report.removed == []
    new = requirements(northwind)["NFR-AVL-005"]
    assert new.mark == Requirement.Mark.NEW
    assert new.origin == Requirement.Origin.DERIVED
    assert new.position == last.position + 1
    assert new.trace["firings"][0]["rule_id"] == "scale.load_balancing"
    # Nothing else was touched.
    after = versions(northwind)
    del after["NFR-AVL-005"]
    assert after == before


def test_a_new_requirement_whose_inputs_change_again_stays_new(northwind, consultant):
    answer(northwind, consultant, context__channels=["email", "chat", "phone"])
    requirements_sync(project=northwind)
    assert requirements(northwind)["FR-CHN-003"].mark == Requirement.Mark.NEW

    answer(northwind, consultant, context__phone_system="Aircall")
    report = requirements_sync(project=northwind)

    phone = requirements(northwind)["FR-CHN-003"]
    assert phone.mark == Requirement.Mark.NEW
    assert "FR-CHN-003" not in report.review
    assert "Aircall" in phone.description


# --- review -----------------------------------------------------------------------------------


def test_a_changed_input_marks_review_with_the_question_before_and_after(northwind, consultant):
    answer(northwind, consultant, scale__volume_now=2000)

    report = requirements_sync(project=northwind)

    assert sorted(report.review) == ["NFR-PRF-001", "NFR-SCL-001"]
    assert report.added == report.obsolete == report.removed == []
    scl = requirements(northwind)["NFR-SCL-001"]
    assert scl.mark == Requirement.Mark.REVIEW
    assert scl.mark_detail["inputs"] == [
        {
            "question_id": "scale.volume_now",
            "label": "Tickets per month today (all channels)",
            "before": "1,350 / month",
            "after": "2,000 / month",
        }
    ]
    assert scl.mark_detail["returned"] is False
    # Nobody edited it, so it reads the new volume.
    assert scl.description.startswith("Handle 2,000 tickets a month")
    assert scl.derived["description"] == scl.description
    assert scl.mark_detail["text"] == [
        {
            "field": "description",
            "derived_before": (
                "Handle 1,350 tickets a month with peaks of 1.3×, growing to 3,000 a month in "
                "12 months and 4,500 in 36 months, without changing tools."
            ),
            "derived_after": scl.description,
            "kept_edit": False,
        }
    ]
    assert scl.version == 2
    # Requirements that do not read the volume are untouched.
    assert requirements(northwind)["FR-TKT-001"].mark == ""


def test_an_edited_field_keeps_the_consultants_text_when_its_input_changes(northwind, consultant):
    prf = requirements(northwind)["NFR-PRF-001"]
    edited_text = "Screens answer within one second at 1,350 tickets a month, per our SLA."
    edit(prf, consultant, description=edited_text, title="Snappy screens")

    answer(northwind, consultant, scale__volume_now=2000)
    requirements_sync(project=northwind)

    prf = requirements(northwind)["NFR-PRF-001"]
    assert prf.mark == Requirement.Mark.REVIEW
    assert prf.description == edited_text
    assert prf.title == "Snappy screens"
    assert sorted(prf.edited_fields) == ["description", "title"]
    # The snapshot follows the engine, so the next edit is compared with what it says now.
    assert "2,000 tickets a month" in prf.derived["description"]
    assert prf.mark_detail["text"] == [
        {
            "field": "description",
            "derived_before": (
                "Agent and portal screens respond quickly at the expected load of 1,350 "
                "tickets a month."
            ),
            "derived_after": (
                "Agent and portal screens respond quickly at the expected load of 2,000 "
                "tickets a month."
            ),
            "kept_edit": True,
        }
    ]
    assert [c["question_id"] for c in prf.mark_detail["inputs"]] == ["scale.volume_now"]


def test_a_changed_channel_list_marks_every_requirement_that_reads_it(northwind, consultant):
    answer(northwind, consultant, context__channels=["email", "chat", "phone"])

    report = requirements_sync(project=northwind)

    assert sorted(report.added) == ["FR-CHN-001", "FR-CHN-003"]
    assert sorted(report.review) == ["FR-CHN-002", "FR-CHN-005", "FR-KB-001", "FR-TKT-001"]
    ticket = requirements(northwind)["FR-TKT-001"]
    assert ticket.mark == Requirement.Mark.REVIEW
    assert ticket.mark_detail["inputs"] == [
        {
            "question_id": "context.channels",
            "label": "Through which channels do requests arrive?",
            "before": "Email, Live chat",
            "after": "Email, Phone, Live chat",
        }
    ]
    assert "(Email, Phone and Live chat)" in ticket.description


def test_changes_not_yet_reviewed_add_up_from_what_the_consultant_last_saw(northwind, consultant):
    answer(northwind, consultant, scale__volume_now=2000)
    requirements_sync(project=northwind)
    answer(northwind, consultant, scale__volume_now=2500, scale__peak_factor=2)

    report = requirements_sync(project=northwind)

    assert "NFR-SCL-001" in report.review
    scl = requirements(northwind)["NFR-SCL-001"]
    assert scl.mark == Requirement.Mark.REVIEW
    changes = {c["question_id"]: (c["before"], c["after"]) for c in scl.mark_detail["inputs"]}
    assert changes == {
        "scale.volume_now": ("1,350 / month", "2,500 / month"),
        "scale.peak_factor": ("1.3×", "2×"),
    }
    [text] = scl.mark_detail["text"]
    assert text["derived_before"].startswith("Handle 1,350 tickets a month with peaks of 1.3×")
    assert text["derived_after"].startswith("Handle 2,500 tickets a month with peaks of 2×")
    assert text["derived_after"] == scl.description


def test_an_input_changed_back_before_review_leaves_nothing_to_review(northwind, consultant):
    answer(northwind, consultant, scale__volume_now=2000)
    requirements_sync(project=northwind)
    answer(northwind, consultant, scale__volume_now=1350)

    report = requirements_sync(project=northwind)

    assert report.review == []
    scl = requirements(northwind)["NFR-SCL-001"]
    assert scl.mark == ""
    assert scl.mark_detail == {}
    assert scl.description.startswith("Handle 1,350 tickets")


def test_a_reviewed_change_is_the_baseline_of_the_next_one(northwind, consultant):
    from requirements_app.services import requirement_clear_mark

    answer(northwind, consultant, scale__volume_now=2000)
    requirements_sync(project=northwind)
    scl = requirements(northwind)["NFR-SCL-001"]
    requirement_clear_mark(requirement=scl, version=scl.version, user=consultant)
    answer(northwind, consultant, scale__volume_now=1350)

    report = requirements_sync(project=northwind)

    assert "NFR-SCL-001" in report.review
    scl = requirements(northwind)["NFR-SCL-001"]
    assert scl.mark_detail["inputs"][0]["before"] == "2,000 / month"
    assert scl.mark_detail["inputs"][0]["after"] == "1,350 / month"


# --- obsolete and removed ---------------------------------------------------------------------


SLACK_CODES = ["FR-INT-007", "FR-PRI-006", "FR-TKT-011"]


def test_an_untouched_requirement_whose_rule_stops_firing_is_removed(northwind, consultant):
    answer(northwind, consultant, integrations__communication=["none"])

    report = requirements_sync(project=northwind)

    assert sorted(report.removed) == SLACK_CODES
    assert report.obsolete == report.added == []
    assert not set(SLACK_CODES) & set(requirements(northwind))


def test_an_edited_or_dismissed_requirement_whose_rule_stops_firing_is_kept_obsolete(
    northwind, consultant
):
    current = requirements(northwind)
    edit(current["FR-INT-007"], consultant, title="Slack for alerts and swarming")
    requirement_dismiss(
        requirement=current["FR-TKT-011"],
        version=current["FR-TKT-011"].version,
        reason="Swarming happens in person.",
        user=consultant,
    )

    answer(northwind, consultant, integrations__communication=["none"])
    report = requirements_sync(project=northwind)

    assert report.removed == ["FR-PRI-006"]
    assert sorted(report.obsolete) == ["FR-INT-007", "FR-TKT-011"]
    current = requirements(northwind)
    slack = current["FR-INT-007"]
    assert slack.mark == Requirement.Mark.OBSOLETE
    assert slack.title == "Slack for alerts and swarming"
    assert slack.origin == Requirement.Origin.DERIVED
    withdrawn = {c["question_id"]: c for c in slack.mark_detail["inputs"]}
    assert withdrawn["integrations.communication"]["before"] == "Slack"
    assert withdrawn["integrations.communication"]["after"] == ""
    swarming = current["FR-TKT-011"]
    assert swarming.mark == Requirement.Mark.OBSOLETE
    assert swarming.dismissed
    assert swarming.dismiss_reason == "Swarming happens in person."

    # A further sync leaves obsolete ones alone.
    before = versions(northwind)
    assert not requirements_sync(project=northwind).changed
    assert versions(northwind) == before


def test_an_obsolete_requirement_whose_rule_fires_again_returns_for_review(northwind, consultant):
    edit(requirements(northwind)["FR-INT-007"], consultant, title="Slack for alerts")
    answer(northwind, consultant, integrations__communication=["none"])
    requirements_sync(project=northwind)

    answer(northwind, consultant, integrations__communication=["slack"])
    report = requirements_sync(project=northwind)

    slack = requirements(northwind)["FR-INT-007"]
    assert "FR-INT-007" in report.review
    assert slack.mark == Requirement.Mark.REVIEW
    assert slack.mark_detail["returned"] is True
    assert slack.title == "Slack for alerts"
    # The untouched ones were removed and come back as new.
    assert sorted(report.added) == ["FR-PRI-006", "FR-TKT-011"]
    assert requirements(northwind)["FR-PRI-006"].mark == Requirement.Mark.NEW
