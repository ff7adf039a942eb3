"""The README's run command seeds demo data: three projects at different stages, the
complete one published for review with a client reviewer whose link opens it."""

from __future__ import annotations

import io
import re

from django.core.management import call_command
from django.test import Client

from discovery.models import Project
from reviews.models import ProposalVersion, Reviewer


def test_demo_seed_publishes_northwind_for_review_and_runs_twice(db, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    out = io.StringIO()
    call_command("demo_seed", stdout=out)
    assert Project.objects.count() == 3
    northwind = Project.objects.get(client_name="Northwind Cloud")
    version = ProposalVersion.objects.get(project=northwind)
    assert version.number == 1
    assert version.snapshot["requirements"]
    assert northwind.stage == Project.Stage.REVIEW
    reviewer = Reviewer.objects.get(project=northwind)
    link = re.search(r"opens it at (\S+)", out.getvalue())
    assert link
    assert link.group(1).startswith("http://127.0.0.1:8000/r/")
    path = link.group(1).removeprefix("http://127.0.0.1:8000")
    response = Client().get(path, follow=True)
    assert response.status_code == 200
    assert "Support desk for 3× growth" in response.content.decode()
    reviewer.refresh_from_db()
    assert reviewer.last_used_at is not None

    # Safe to run again: nothing is duplicated, no second link is printed.
    again = io.StringIO()
    call_command("demo_seed", stdout=again)
    assert Project.objects.count() == 3
    assert ProposalVersion.objects.count() == 1
    assert "opens it at" not in again.getvalue()
