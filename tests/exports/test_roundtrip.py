"""A project exported and imported into another organization is the same project."""

from __future__ import annotations

import json
from typing import Any

from discovery.models import Answer, AnswerRevision, Project
from exports.document import FORMAT, VERSION, project_export
from exports.importer import project_import
from exports.models import ProjectImport
from frameworks.models import FrameworkGeneration
from requirements_app.models import Requirement
from requirements_app.services import requirements_sync_if_stale
from reviews.models import Approval, Comment, Feedback, ProposalVersion, Reviewer
from reviews.services import reviewer_for_token
from tests.factories import MembershipFactory


def _comparable(data: dict[str, Any]) -> str:
    """The export without what differs by design: when it was made, by which organization,
    and the reviewers' link state (links never travel: an imported link is revoked). As
    JSON text, so that 18 and 18.0 are told apart."""
    data = json.loads(json.dumps(data))
    for key in ("exported_at", "organization", "signature"):
        data.pop(key)
    for reviewer in data["reviewers"]:
        reviewer.pop("revoked_at")
    return json.dumps(data, sort_keys=True, indent=1)


def test_the_export_holds_everything(rich_project):
    data = project_export(rich_project)
    assert data["format"] == FORMAT
    assert data["version"] == VERSION
    assert len(data["answers"]) == Answer.objects.filter(project=rich_project).count()
    assert (
        len(data["answer_revisions"]) == AnswerRevision.objects.filter(project=rich_project).count()
    )
    assert len(data["requirements"]) == Requirement.objects.filter(project=rich_project).count()
    assert any(r["dismissed"] for r in data["requirements"])
    assert any(r["origin"] == "manual" for r in data["requirements"])
    assert any(r["edited_fields"] for r in data["requirements"])
    assert data["requirement_sync"] is not None
    assert [g["number"] for g in data["framework_generations"]] == sorted(
        FrameworkGeneration.objects.filter(project=rich_project).values_list("number", flat=True)
    )
    assert {n["section"] for n in data["section_notes"]} == {"summary", "staffing"}
    v1, v2 = data["proposal_versions"]
    assert (v1["number"], v2["number"]) == (1, 2)
    assert v1["comments"][0]["replies"][0]["body"] == "Chat comes in phase two."
    assert v1["comments"][0]["resolved_by_name"]
    assert v1["feedback"][0]["alignment"] == "partly"
    assert v1["approvals"][0]["content_hash"] == v1["content_hash"]
    # People by who they are; never a link's token hash, never an id.
    assert data["project"]["created_by"]["username"] == "alice"
    text = json.dumps(data)
    for reviewer in Reviewer.objects.filter(project=rich_project):
        assert reviewer.token_hash not in text
    rows = [
        data["project"],
        *data["answers"],
        *data["requirements"],
        *data["reviewers"],
        *data["proposal_versions"],
        *data["framework_generations"],
    ]
    assert not any({"id", "pk", "project", "organization_id"} & set(row) for row in rows)
    json.dumps(data, allow_nan=False)  # plain JSON, nothing a strict reader refuses


def test_round_trip_into_another_organization(rich_project, other_organization, importer):
    original = project_export(rich_project)
    counts_before = Project.objects.count()

    imported = project_import(
        json.loads(json.dumps(original)), organization=other_organization, user=importer
    )

    assert Project.objects.count() == counts_before + 1
    assert imported.pk != rich_project.pk
    assert imported.organization == other_organization
    assert _comparable(project_export(imported)) == _comparable(original)
    # Alice and Bob are not members there: no user, but their names are kept as text.
    assert imported.created_by is None
    record = ProjectImport.objects.get(project=imported)
    assert record.imported_by == importer
    assert {p["username"] for p in record.people.values()} == {"alice", "bob"}
    # New rows, nothing shared with the original.
    assert (
        not Comment.objects.filter(version__project=imported)
        .filter(pk__in=Comment.objects.filter(version__project=rich_project))
        .exists()
    )
    assert Feedback.objects.filter(version__project=imported).count() == 1
    assert Approval.objects.filter(version__project=imported).count() == 1
    # Versions are the same frozen content; the imported links are dead.
    assert list(
        ProposalVersion.objects.filter(project=imported).values_list("number", "content_hash")
    ) == list(
        ProposalVersion.objects.filter(project=rich_project).values_list("number", "content_hash")
    )
    assert not Reviewer.objects.filter(project=imported, revoked_at__isnull=True).exists()
    # The requirements are in step with the answers: nothing is re-derived on first visit.
    assert requirements_sync_if_stale(project=imported) is None


def test_the_original_export_survives_a_second_round_trip(
    rich_project, other_organization, importer, organization, consultant
):
    original = project_export(rich_project)
    once = project_import(original, organization=other_organization, user=importer)
    twice = project_import(project_export(once), organization=organization, user=consultant)
    assert _comparable(project_export(twice)) == _comparable(original)
    # Back home, Alice and Bob are members again: their rows point at their accounts.
    assert twice.created_by == consultant
    assert Answer.objects.filter(project=twice, updated_by__username="bob").exists()


def test_members_of_the_importing_organization_get_their_rows(
    rich_project, other_organization, importer, consultant
):
    MembershipFactory(organization=other_organization, user=consultant)
    imported = project_import(
        project_export(rich_project), organization=other_organization, user=importer
    )
    assert imported.created_by == consultant
    assert Requirement.objects.filter(project=imported, updated_by=consultant).exists()
    people = ProjectImport.objects.get(project=imported).people
    assert {p["username"] for p in people.values()} == {"bob"}


def test_an_imported_reviewer_link_does_not_open(rich_project, other_organization, importer):
    imported = project_import(
        project_export(rich_project), organization=other_organization, user=importer
    )
    hashes = set(Reviewer.objects.filter(project=rich_project).values_list("token_hash", flat=True))
    for reviewer in Reviewer.objects.filter(project=imported):
        assert reviewer.token_hash not in hashes
        assert reviewer_for_token(reviewer.token_hash) is None


def test_export_query_count_does_not_grow(rich_project, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        project_export(rich_project)


def test_the_imported_project_page_says_who_changed_what(
    rich_project, other_organization, importer, client
):
    """Alice and Bob are not members of the importing organization: the project page names
    them from the names the export carried, marked as imported, and says "someone" for
    nobody."""
    imported = project_import(
        project_export(rich_project), organization=other_organization, user=importer
    )
    bob = AnswerRevision.objects.filter(project=rich_project, changed_by__username="bob").first()
    assert bob is not None
    assert bob.changed_by is not None
    bob_name = bob.changed_by.get_full_name()
    client.force_login(importer)
    page = client.get(f"/projects/{imported.pk}/").content.decode()
    assert f"{bob_name} (imported)" in page
    assert "someone" not in page
    # A row with no author at all still reads as "someone".
    AnswerRevision.objects.filter(project=imported).update(changed_by=None)
    ProjectImport.objects.filter(project=imported).update(people={})
    page = client.get(f"/projects/{imported.pk}/").content.decode()
    assert "someone ·" in page
