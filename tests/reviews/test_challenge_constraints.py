"""A client's challenge made into a requirement changes the next version's framework, not
only its appendix: the requirement's attributes are constraints the scoring and the
generators read, the trace points at the requirement, and the diff shows the change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from requirements_app.models import Requirement
from reviews import selectors, services
from tests.reviews.conftest import publish


def _elements(version):
    return {e["id"]: e for s in version.snapshot["framework"]["sections"] for e in s["elements"]}


@pytest.mark.django_db
def test_a_challenge_made_a_requirement_changes_the_framework_and_the_diff(
    v1, link, answered_project, consultant, consultant_client
):
    before = _elements(v1)
    assert "data in the EU" in before["architecture.hosting"]["text"]
    feedback = services.feedback_submit(
        version=v1,
        reviewer=link.reviewer,
        alignment="partly",
        alignment_comment="",
        challenge="Our biggest accounts are US agencies: their data must stay in the USA.",
    )
    response = consultant_client.post(
        reverse("reviews:challenge", args=[answered_project.pk, feedback.pk]),
        {
            "target": "requirement",
            "kind": "non_functional",
            "category": "data",
            "priority": "must",
            "attr_residency": "us",
        },
    )
    assert response.status_code == 302
    requirement = Requirement.objects.get(project=answered_project, origin="manual")
    assert requirement.attributes == {"residency": "us"}

    v2 = publish(answered_project, consultant, "US data residency.")
    after = _elements(v2)
    hosting = after["architecture.hosting"]
    assert "data in the USA" in hosting["text"]
    assert requirement.code in hosting["trace"]["requirements"]
    # The scoring reads it too: every shortlisted card speaks of the USA, none of the EU.
    cards = [e for e in after.values() if e["kind"] == "platform"]
    assert cards
    for card in cards:
        assert "the USA" in card["text"]
        assert "in the EU" not in card["text"]
        assert requirement.code in card["trace"]["requirements"]
    # Zammad hosts in Germany: the client is SaaS and data must stay in the USA.
    zammad = after["tools.rejected.zammad"]
    assert zammad["data"]["excluded"]
    assert "outside the USA" in zammad["data"]["reason"]
    summary = after["summary.constraints"]["text"]
    assert f"({requirement.code}: data residency In the USA)" in summary

    diff = selectors.version_diff(v1, v2)
    assert [r["code"] for r in diff["requirements"]["added"]] == [requirement.code]
    changed = {e["id"] for s in diff["framework"]["sections"] for e in s["changed"]}
    assert {"architecture.hosting", "summary.constraints"} <= changed
    assert any(eid.startswith("tools.shortlist.") for eid in changed)


@pytest.mark.django_db
def test_a_challenge_with_an_unknown_attribute_value_is_refused_and_nothing_is_saved(
    v1, link, answered_project, consultant
):
    feedback = services.feedback_submit(
        version=v1,
        reviewer=link.reviewer,
        alignment="partly",
        alignment_comment="",
        challenge="Host it on the Moon.",
    )
    with pytest.raises(services.ReviewError):
        services.challenge_to_requirement(
            feedback=feedback,
            user=consultant,
            kind="non_functional",
            category="data",
            priority="must",
            attributes={"residency": "moon"},
        )
    assert not Requirement.objects.filter(project=answered_project, origin="manual").exists()
    feedback.refresh_from_db()
    assert not feedback.challenge_handled_as
