"""The export streams: the file is written row by row as the canonical JSON its signature
covers, signed as it is written, with the same content whatever the number of versions
and in a fixed number of queries."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exports.document import project_export, project_export_stream
from exports.importer import project_import
from exports.signing import Verdict, canonical, verify
from frameworks.services import section_note_save
from reviews import services as reviews
from reviews.models import Approval, ProposalVersion
from tests import factories


def _body(client, project) -> bytes:
    response = client.get(reverse("exports:project_json", args=[project.pk]))
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content)


def test_the_download_is_the_canonical_document_with_its_signature_last(
    consultant_client, rich_project
):
    body = _body(consultant_client, rich_project)
    data = json.loads(body)
    assert list(data)[-1] == "signature"
    # Everything before the signature is byte for byte what the signature covers.
    signed = canonical(data)
    assert body.startswith(signed[:-1] + b',"signature":')
    assert verify(data, 2) is Verdict.VERIFIED
    # The download and project_export() are the same document (but for the time of export).
    data.pop("exported_at"), data.pop("signature")
    again = project_export(rich_project)
    again.pop("exported_at"), again.pop("signature")
    assert data == again


def test_a_streamed_file_imports_as_verified(
    consultant_client, rich_project, other_organization, importer
):
    data = json.loads(_body(consultant_client, rich_project))
    imported = project_import(data, organization=other_organization, user=importer)
    assert imported.import_record.source.get("approvals_not_verified", 0) == 0
    assert Approval.objects.filter(version__project=imported, version__number=1).count() == 1


@pytest.fixture
def three_versions(rich_project, consultant):
    """Comments written on v1 and v3 in turns, after v3 was published, and none on v2."""
    section_note_save(
        project=rich_project,
        section="summary",
        note="Third pass.",
        intro_override="",
        user=consultant,
    )
    factories.publish(project=rich_project, change_summary="Third.", user=consultant)
    v1, v3 = (ProposalVersion.objects.get(project=rich_project, number=n) for n in (1, 3))
    for index in range(3):
        for version in (v3, v1):
            reviews.comment_add(
                version=version,
                section="summary",
                body=f"v{version.number} comment {index}",
                user=consultant,
            )
    return rich_project


def test_each_version_gets_its_own_comments(three_versions):
    versions = project_export(three_versions)["proposal_versions"]
    bodies = {v["number"]: [c["body"] for c in v["comments"]] for v in versions}
    assert bodies[2] == []
    assert bodies[3] == [f"v3 comment {i}" for i in range(3)]
    assert bodies[1][-3:] == [f"v1 comment {i}" for i in range(3)]
    # v1's earlier thread keeps its reply.
    assert any(c["replies"] for c in versions[0]["comments"])


def _queries(project) -> int:
    with CaptureQueriesContext(connection) as queries:
        for _ in project_export_stream(project):
            pass
    return len(queries)


def test_the_queries_do_not_grow_with_versions(rich_project, three_versions):
    before = _queries(rich_project)
    section_note_save(
        project=rich_project, section="summary", note="Fourth.", intro_override="", user=None
    )
    factories.publish(project=rich_project, change_summary="Fourth.", user=None)
    assert _queries(rich_project) == before


def test_the_file_comes_in_bounded_chunks(rich_project):
    chunks = list(project_export_stream(rich_project))
    # Chunks of about 64 KiB: one row may carry a chunk past that, never the whole file.
    assert len(chunks) > 1
    assert all(chunk for chunk in chunks)
