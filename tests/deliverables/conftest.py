from __future__ import annotations

import pytest

from tests.reviews.conftest import invite, publish


@pytest.fixture(autouse=True)
def _pdf_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The embedded mode's background thread cannot see a test's uncommitted rows: run the
    # same task code inline instead.
    settings.PDF_EMBEDDED_RUN = "sync"


@pytest.fixture
def answered_project(project, consultant):
    from discovery import scenarios
    from discovery.services import answers_load

    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    return project


@pytest.fixture
def v1(answered_project, consultant):
    return publish(answered_project, consultant, "First version.")


@pytest.fixture
def link(answered_project, consultant):
    return invite(answered_project, consultant)
