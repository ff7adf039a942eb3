"""Approvals that cannot be forged through an export (issue 14, item 1).

The issue's attack: edit a version's content in an export ("the client agrees to pay
double"), recompute its SHA-256, add an approval by the client reviewer, import. A file
signed here and changed is refused; a file that claims to come from elsewhere (or an
unsigned file of format 1) is imported with its approvals as "imported, not verified
here" records, which never print the APPROVED stamp nor make the project approved."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from deliverables.jobs import deliverable_for_version, render_key
from discovery.models import Project
from exports.document import project_export
from exports.importer import project_import
from exports.signing import Verdict, canonical, key_id, sign, verify
from reviews.models import Approval, ImportedApproval, ProposalVersion
from reviews.services import snapshot_hash

pytestmark = pytest.mark.django_db

DOUBLE = "The client agrees to pay double the licence cost."


def _forge(data: dict[str, Any]) -> dict[str, Any]:
    """The issue's forgery: v2's content edited, its hash recomputed, and an approval by
    the client reviewer (Rita, reviewer 0) added with the new hash."""
    forged = copy.deepcopy(data)
    version = forged["proposal_versions"][1]
    version["snapshot"]["notes"]["summary"] = {"intro_override": "", "note": DOUBLE}
    version["content_hash"] = snapshot_hash(version["snapshot"])
    version["approvals"].append(
        {
            "reviewer": 0,
            "reviewer_name": "Rita Reviewer",
            "reviewer_email": "rita@client.example",
            "content_hash": version["content_hash"],
            "approved_at": "2026-11-30T10:00:00+00:00",
        }
    )
    return forged


def _import(data, organization, user) -> Project:
    return project_import(json.loads(json.dumps(data)), organization=organization, user=user)


def test_an_export_is_signed_with_this_installations_key(rich_project):
    data = project_export(rich_project)
    signature = data["signature"]
    assert signature["algorithm"] == "HMAC-SHA256"
    assert signature["key_id"] == key_id()
    assert len(signature["value"]) == 64
    assert verify(data, 2) is Verdict.VERIFIED
    # The key id names the key without revealing it.
    from django.conf import settings

    assert settings.SECRET_KEY not in json.dumps(data)


def test_the_same_installation_keeps_its_approvals(rich_project, other_organization, importer):
    imported = _import(project_export(rich_project), other_organization, importer)
    assert Approval.objects.filter(version__project=imported).count() == 1
    assert not ImportedApproval.objects.filter(version__project=imported).exists()
    assert imported.import_record.source["signature"] == "verified"


def test_the_forgery_in_a_file_signed_here_is_refused(rich_project, other_organization, importer):
    before = (Project.objects.count(), Approval.objects.count())
    with pytest.raises(ValidationError) as caught:
        _import(_forge(project_export(rich_project)), other_organization, importer)
    message = " ".join(caught.value.messages)
    assert "This file was changed after it was exported" in message
    assert "cannot be imported" in message
    assert (Project.objects.count(), Approval.objects.count()) == before


def test_the_refusal_reaches_the_import_page(rich_project, importer):
    client = Client()
    client.force_login(importer)
    raw = json.dumps(_forge(project_export(rich_project))).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("exports:project_import"),
        {"file": SimpleUploadedFile("p.json", raw, content_type="application/json")},
    )
    assert response.status_code == 200
    assert "This file was changed after it was exported" in response.content.decode()


def _as_another_installation(data: dict[str, Any], settings) -> dict[str, Any]:
    """Signed with a key this installation does not have (another installation's)."""
    ours = settings.SECRET_KEY
    settings.SECRET_KEY = "another-installation-" + "k" * 50
    try:
        return sign(data)
    finally:
        settings.SECRET_KEY = ours


@pytest.mark.parametrize("origin", ["another installation", "format 1"])
def test_approvals_from_elsewhere_are_only_records(
    origin, rich_project, other_organization, importer, settings
):
    forged = _forge(project_export(rich_project))
    if origin == "format 1":
        forged.pop("signature")
        forged["version"] = 1
        for version in forged["proposal_versions"]:
            version.pop("imported_approvals")
    else:
        forged = _as_another_installation(forged, settings)
    imported = _import(forged, other_organization, importer)

    # Nothing counts as an approval here…
    assert not Approval.objects.filter(version__project=imported).exists()
    records = ImportedApproval.objects.filter(version__project=imported).order_by("pk")
    assert [(r.version.number, r.reviewer_name) for r in records] == [
        (1, "Rita Reviewer"),
        (2, "Rita Reviewer"),
    ]
    source = records[0].source
    assert ("another installation" in source) == (origin == "another installation")
    assert ("format 1" in source) == (origin == "format 1")
    # …the project is not approved…
    imported.refresh_from_db()
    assert imported.stage != Project.Stage.APPROVED
    assert imported.import_record.source["approvals_not_verified"] == 2
    # …and the PDF carries no APPROVED stamp.
    v2 = ProposalVersion.objects.get(project=imported, number=2)
    html = deliverable_for_version(v2)
    assert 'class="stamp-title' not in html
    assert "This version has not been approved yet" in html
    assert DOUBLE in html  # the content is what the file said, shown as a draft


def test_the_version_page_says_imported_not_verified(
    rich_project, other_organization, importer, settings
):
    forged = _as_another_installation(_forge(project_export(rich_project)), settings)
    imported = _import(forged, other_organization, importer)
    client = Client()
    client.force_login(importer)
    page = client.get(reverse("deliverables:version", args=[imported.pk, 2])).content.decode()
    assert "✓ Approved by" not in page
    assert "Imported, not verified here: Rita Reviewer" in page
    index = client.get(reverse("reviews:index", args=[imported.pk])).content.decode()
    assert "Imported, not verified here" in index
    assert "Not approved yet" in index


def test_the_import_page_warns_of_demoted_approvals(rich_project, importer, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _as_another_installation(project_export(rich_project), settings)
    client = Client()
    client.force_login(importer)
    response = client.post(
        reverse("exports:project_import"),
        {"file": SimpleUploadedFile("p.json", json.dumps(data).encode(), "application/json")},
        follow=True,
    )
    assert "its approval is kept as “imported, not verified here”" in response.content.decode()


def test_a_rotated_key_still_verifies(rich_project, other_organization, importer, settings):
    data = project_export(rich_project)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "the-new-key-after-rotation-" + "n" * 40
    settings.SECRET_KEY_FALLBACKS = [old]
    imported = _import(data, other_organization, importer)
    assert Approval.objects.filter(version__project=imported).count() == 1


def test_a_missing_or_malformed_signature_is_refused(rich_project):
    data = project_export(rich_project)
    without = {k: v for k, v in data.items() if k != "signature"}
    with pytest.raises(ValidationError, match="signature: missing"):
        verify(without, 2)
    with pytest.raises(ValidationError, match="expected HMAC-SHA256"):
        verify({**data, "signature": {"algorithm": "none"}}, 2)


def test_the_signature_covers_everything_but_itself(rich_project):
    data = project_export(rich_project)
    assert canonical(data) == canonical({k: v for k, v in data.items() if k != "signature"})
    for change in (
        lambda d: d["project"].update(name="Renamed"),
        lambda d: d.update(exported_at="2020-01-01T00:00:00+00:00"),
        lambda d: d["answers"].pop(),
    ):
        changed = copy.deepcopy(data)
        change(changed)
        with pytest.raises(ValidationError, match="changed after it was exported"):
            verify(changed, 2)


def test_imported_records_stay_records_through_another_round_trip(
    rich_project, other_organization, importer, organization, consultant, settings
):
    elsewhere = _as_another_installation(project_export(rich_project), settings)
    once = _import(elsewhere, other_organization, importer)
    # Exported from here (so signed and verified here), the records are still records.
    twice = _import(project_export(once), organization, consultant)
    assert not Approval.objects.filter(version__project=twice).exists()
    assert ImportedApproval.objects.filter(version__project=twice).count() == 1
    # And an approval a client gives here afterwards is a real one, with a stamp.
    v2 = ProposalVersion.objects.get(project=twice, number=2)
    assert render_key(v2)  # the PDF key reads approvals only
