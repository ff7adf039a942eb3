"""The proposal check at Publish: blocking findings stop publishing until fixed or
overridden with a reason; the override is recorded on the version (who, when, which
finding, why) and shown to the consultant afterwards; clients never see findings."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from discovery.services import answers_load
from frameworks.services import framework_generate
from reviews.models import CheckOverride, ProposalVersion, VersionCheck
from reviews.services import PublishBlocked, version_publish
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# A consultant typed a placeholder where the tool's name goes: the check always flags it.
TBD_TOOL = {
    "context.tools": ["other"],
    "context.tools_other": "TBD",
    "context.tool_fate": "replace",
}
REASON = "The client calls its tool TBD internally; confirmed on the call of 2 December."


def _project(organization, consultant, answers=TBD_TOOL):
    project = ProjectFactory(organization=organization, created_by=consultant)
    answers_load(project=project, answers=answers, user=consultant)
    return project


def _blocking(project, consultant) -> list[dict]:
    generation = framework_generate(project=project, user=consultant).generation
    return [f for f in generation.check_result["findings"] if f["severity"] == "blocking"]


def _text(response) -> str:
    html = response.content.decode()
    return (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
    )


def test_blocking_findings_stop_publishing_and_nothing_is_published(organization, consultant):
    project = _project(organization, consultant)
    with pytest.raises(PublishBlocked) as blocked:
        version_publish(
            project=project, change_summary="", user=consultant, incomplete_confirmed=True
        )
    keys = {f["key"] for f in blocked.value.findings}
    assert any(f["evidence"] == "TBD" for f in blocked.value.findings)
    assert set(blocked.value.errors) == keys
    assert not ProposalVersion.objects.filter(project=project).exists()


def test_an_override_needs_a_reason(organization, consultant):
    project = _project(organization, consultant)
    findings = _blocking(project, consultant)
    overrides = {f["key"]: "" for f in findings}
    with pytest.raises(PublishBlocked) as blocked:
        version_publish(
            project=project,
            change_summary="",
            user=consultant,
            overrides=overrides,
            incomplete_confirmed=True,
        )
    assert all("Say why" in e for e in blocked.value.errors.values())
    assert not ProposalVersion.objects.filter(project=project).exists()


def test_overridden_findings_are_recorded_on_the_version(organization, consultant):
    project = _project(organization, consultant)
    findings = _blocking(project, consultant)
    overrides = {f["key"]: REASON for f in findings}
    version = version_publish(
        project=project,
        change_summary="",
        user=consultant,
        overrides=overrides,
        incomplete_confirmed=True,
    )
    record = VersionCheck.objects.get(version=version)
    assert {f["key"] for f in record.findings if f["severity"] == "blocking"} == set(overrides)
    rows = list(CheckOverride.objects.filter(version=version))
    assert {r.finding_key for r in rows} == set(overrides)
    row = next(r for r in rows if r.rule == "text.placeholder")
    assert row.reason == REASON
    assert row.overridden_by == consultant
    assert row.overridden_by_name == (consultant.get_full_name() or consultant.username)
    assert row.overridden_at == version.published_at
    assert row.element_id == "summary.context"


def test_publish_page_lists_the_blocking_findings_and_keeps_what_was_typed(
    client, organization, consultant
):
    project = _project(organization, consultant)
    client.force_login(consultant)
    url = reverse("reviews:publish", args=[project.pk])
    response = client.post(
        url, {"change_summary": "For the steering group.", "confirm_incomplete": "1"}
    )
    assert response.status_code == 200
    text = _text(response)
    assert "Not published" in text
    assert "“TBD” is a placeholder" in text
    assert "For the steering group." in response.content.decode()
    assert not ProposalVersion.objects.filter(project=project).exists()

    # Ticked without a reason: refused, the tick and the summary kept.
    key = _blocking(project, consultant)[0]["key"]
    response = client.post(
        url,
        {"change_summary": "For the steering group.", "override": [key], "confirm_incomplete": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert re.search(rf'value="[^"]*{re.escape(key)}[^"]*" id="override-1" checked', html)


def test_the_same_problem_in_several_places_is_read_and_overridden_once(
    client, organization, consultant
):
    project = _project(organization, consultant)
    client.force_login(consultant)
    blocking = _blocking(project, consultant)
    by_problem: dict[tuple, list[str]] = {}
    for finding in blocking:
        by_problem.setdefault((finding["rule"], finding["title"], finding["fix"]), []).append(
            finding["key"]
        )
    repeated = [keys for keys in by_problem.values() if len(keys) > 1]
    assert repeated, "the placeholder brief should repeat one problem in several elements"
    html = client.get(reverse("reviews:index", args=[project.pk])).content.decode()
    form = html.split('id="publish-form"', 1)[1].split("</form>", 1)[0]
    # One entry per problem, naming each place; one checkbox posts all of its keys.
    assert form.count('class="check-finding check-blocking"') == len(by_problem)
    for keys in repeated:
        assert f'name="override" value="{" ".join(keys)}"' in form
        assert f"in {len(keys)} places:" in _text(
            client.get(reverse("reviews:index", args=[project.pk]))
        )
        assert f"Publish with these {len(keys)} findings as they are" in form
    # Ticking each problem once with one reason publishes, recording it on every finding.
    data: dict = {"change_summary": "", "override": [], "confirm_incomplete": "1"}
    for keys in by_problem.values():
        data["override"].append(" ".join(keys))
        data[f"reason-{keys[0]}"] = REASON
    response = client.post(reverse("reviews:publish", args=[project.pk]), data)
    assert response.status_code == 302
    rows = CheckOverride.objects.filter(version__project=project)
    assert {r.finding_key for r in rows} == {f["key"] for f in blocking}
    assert {r.reason for r in rows} == {REASON}


def test_publishing_with_reasons_redirects_and_the_version_page_shows_them(
    client, organization, consultant
):
    project = _project(organization, consultant)
    client.force_login(consultant)
    data: dict = {"change_summary": "", "override": [], "confirm_incomplete": "1"}
    for finding in _blocking(project, consultant):
        data["override"].append(finding["key"])
        data[f"reason-{finding['key']}"] = REASON
    response = client.post(reverse("reviews:publish", args=[project.pk]), data)
    assert response.status_code == 302
    assert ProposalVersion.objects.filter(project=project).count() == 1
    page = _text(client.get(response["Location"]))
    assert "Proposal check at publishing" in page
    assert REASON in page
    assert "Published anyway by" in page


def test_clients_never_see_the_findings(client, organization, consultant):
    from reviews.services import reviewer_invite

    project = _project(organization, consultant)
    overrides = {f["key"]: REASON for f in _blocking(project, consultant)}
    version = version_publish(
        project=project,
        change_summary="",
        user=consultant,
        overrides=overrides,
        incomplete_confirmed=True,
    )
    invitation = reviewer_invite(
        project=project,
        name="Rita Ortiz",
        email="rita@client.example",
        user=consultant,
        link_for=lambda token: f"/r/{token}/",
    )
    client.logout()
    page = client.get(f"/r/{invitation.token}/", follow=True).content.decode()
    assert version.label in page or "v1" in page
    for internal in (REASON, "Proposal check", "proposal-check", "is a placeholder", "Blocking"):
        assert internal not in page


def test_a_project_without_blocking_findings_publishes_at_once(
    organization, consultant, monkeypatch
):
    import reviews.services as services

    project = _project(organization, consultant)
    monkeypatch.setattr(
        services, "generation_check", lambda generation: {"version": "x", "findings": []}
    )
    version = version_publish(
        project=project, change_summary="", user=consultant, incomplete_confirmed=True
    )
    assert version.number == 1
    assert not CheckOverride.objects.filter(version=version).exists()


def test_one_reason_can_cover_every_finding(client, organization, consultant):
    project = _project(organization, consultant)
    findings = _blocking(project, consultant)
    client.force_login(consultant)
    response = client.post(
        reverse("reviews:publish", args=[project.pk]),
        {
            "change_summary": "",
            "override_all": "1",
            "reason_all": REASON,
            "confirm_incomplete": "1",
        },
    )
    assert response.status_code == 302
    rows = CheckOverride.objects.filter(version__project=project)
    assert {r.finding_key for r in rows} == {f["key"] for f in findings}
    assert {r.reason for r in rows} == {REASON}


def test_one_reason_must_still_be_a_reason(client, organization, consultant):
    project = _project(organization, consultant)
    client.force_login(consultant)
    response = client.post(
        reverse("reviews:publish", args=[project.pk]),
        {"change_summary": "", "override_all": "1", "reason_all": "ok", "confirm_incomplete": "1"},
    )
    assert response.status_code == 200
    assert not ProposalVersion.objects.filter(project=project).exists()
